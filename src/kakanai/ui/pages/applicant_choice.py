"""The 届出人: the member at the counter who files and signs (issue 17, "who is who, explicitly"). Shown
with the members, proposed as the rules would decide (the 世帯主 among the living, else the oldest adult:
kakanai.model.applicant.choose_applicant) and changed with one choice, so that the forms never print the
世帯主 as the 届出人 when his wife came alone. The deceased and the newborn are never offered (possible_applicants).
The last choice is someone not in the household (OUTSIDE_APPLICANT: a son living elsewhere files his father's
death while the widow stays at home, 戸籍法87条2項; an agent): the inputs step then asks the filer's name and
address. Nobody of the household to offer (a lone resident's death): hidden, and the forms ask the 届出人 from
outside the household as well."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from kakanai.app.workflow import ReceptionSession
from kakanai.model import OUTSIDE_APPLICANT
from kakanai.model.applicant import choose_applicant, possible_applicants
from kakanai.ui.theme import use_name_font

OUTSIDE_LABEL = "世帯外の方（別に住む親族・代理人など）"


class ApplicantChoice(QWidget):
    def __init__(self, session: Callable[[], ReceptionSession]) -> None:
        super().__init__()
        self._session = session
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("届出人（窓口で署名する方）"))
        self.box = QComboBox()
        self.box.setObjectName("applicant_choice")
        use_name_font(self.box)
        self.box.currentIndexChanged.connect(self._chosen)
        row.addWidget(self.box)
        row.addStretch(1)

    def refresh(self) -> None:
        reception = self._session().value
        people = possible_applicants(reception) if reception is not None else []
        filer = choose_applicant(reception) if reception is not None and people else None
        self.box.blockSignals(True)
        self.box.clear()
        for number, person in enumerate(people, start=1):
            self.box.addItem(f"{number} {person.name}", person.id)  # a number key chooses, as 本人確認
        if people:
            self.box.addItem(f"{len(people) + 1} {OUTSIDE_LABEL}", OUTSIDE_APPLICANT)
        chosen = OUTSIDE_APPLICANT if reception is not None and reception.applicant == OUTSIDE_APPLICANT else (
            filer.id if filer is not None else None)
        self.box.setCurrentIndex(self.box.findData(chosen) if chosen is not None else -1)
        self.box.blockSignals(False)
        self.setVisible(bool(people))

    def _chosen(self) -> None:
        member_id = self.box.currentData()
        if isinstance(member_id, str) and member_id != self._session().applicant:
            self._session().set_applicant(member_id)
