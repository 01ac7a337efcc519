"""The editor of a choice input on the inputs step (a tick box the reception cannot decide: 使用目的,
届出の理由…): a list box, or a row of check boxes when several may be picked, with the options the form's
YAML declares; both are reached with Tab and changed with the arrow keys or Space."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QWidget

if TYPE_CHECKING:
    from kakanai.app.forms_adapter import AskedInput

NOT_CHOSEN = "（選ばない）"
SHORT_OPTION = 8  # characters: options up to this long go three to a line, longer ones two


class ChoiceEditor(QWidget):
    """The editor of a choice input: a list box (one option, or none) or, when several may be picked, a
    check box per option. `text()`/`setText()` speak the stored value (options joined by 「、」)."""

    changed = Signal(str)

    def __init__(self, asked: AskedInput) -> None:
        super().__init__()
        self.asked = asked
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.combo: QComboBox | None = None
        self.boxes: list[QCheckBox] = []
        if asked.multiple:
            # A few to a line (13 予防接種 would not fit one), in the declared order, which is the Tab order.
            per_line = 3 if max(len(o) for o in asked.options) <= SHORT_OPTION else 2
            for n, option in enumerate(asked.options):
                box = QCheckBox(option)
                box.toggled.connect(self._emit)
                grid.addWidget(box, n // per_line, n % per_line)
                self.boxes.append(box)
            self.setFocusProxy(self.boxes[0])
        else:
            self.combo = QComboBox()
            self.combo.addItems([NOT_CHOSEN, *asked.options])
            self.combo.currentIndexChanged.connect(self._emit)
            grid.addWidget(self.combo, 0, 0)
            self.setFocusProxy(self.combo)

    def text(self) -> str:
        if self.combo is not None:
            return self.asked.value_of([self.combo.currentText()])
        return self.asked.value_of(b.text() for b in self.boxes if b.isChecked())

    def setText(self, value: str) -> None:  # the QLineEdit name, so both editors read alike
        picked = self.asked.picked(value)
        self.blockSignals(True)
        if self.combo is not None:
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(self.asked.options.index(picked[0]) + 1 if picked else 0)
            self.combo.blockSignals(False)
        for box in self.boxes:
            box.blockSignals(True)
            box.setChecked(box.text() in picked)
            box.blockSignals(False)
        self.blockSignals(False)

    def _emit(self, *_: object) -> None:
        self.changed.emit(self.text())
