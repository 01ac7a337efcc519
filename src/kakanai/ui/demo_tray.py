"""Demo and training mode: a side panel with the sample residents. Place a sample card of any kind (My Number
card, 運転免許証, 在留カード, 特別永住者証明書) on the simulated
reader (its PIN is shown: the people are fictitious), lift it off (also in the middle of a read, to
practise that message), add a member without a card, show a sample pre-entry QR to the "scanner", or scan the guidance sheet of the reception finished last
(to practise continuing a reception at another counter)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kakanai.app.demo import DemoCard, DemoResidents, DemoTyped
from kakanai.app.ports import SimulatedCardReader, reception_code
from kakanai.app.workflow import ReceptionSession
from kakanai.model.members import WorkflowError

WIDGET_SIZE_MAX = 16777215  # Qt's QWIDGETSIZE_MAX: no maximum
FLOAT_MARGIN = 16  # px of the floating dock's own frame


class DemoTray(QDockWidget):
    def __init__(self, residents: DemoResidents, reader: SimulatedCardReader,
                 session: Callable[[], ReceptionSession], scan: Callable[[str], None],
                 notify: Callable[[str], None], last_reception: Callable[[], str | None] = lambda: None) -> None:
        super().__init__("デモ・研修（見本の住民）")
        self.setObjectName("demo_tray")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.setMinimumWidth(240)
        self.setMaximumWidth(300)
        self._reader = reader
        self._session = session
        self._scan = scan
        self._notify = notify
        self._last_reception = last_reception
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.addWidget(_label("模擬カードを置く（暗証番号・在留カード等番号は表示のとおり）"))
        for i, card in enumerate(residents.cards):
            box.addWidget(self._button(f"{_two_lines(card.label)}\n{card.pin_hint}", f"demo_card_{i}",
                                       partial(self.place, card)))
        box.addWidget(self._button("カードを外す", "demo_card_remove", self.lift))
        box.addWidget(_label("カードのない方（手入力の見本）"))
        for i, typed in enumerate(residents.typed):
            box.addWidget(self._button(_two_lines(typed.label), f"demo_typed_{i}", partial(self.add_typed, typed)))
        box.addWidget(_label("事前入力QRを読み取る（スキャナーの代わり）"))
        for i, pre in enumerate(residents.preentries):
            box.addWidget(self._button(_two_lines(pre.label), f"demo_qr_{i}", partial(self.show_codes, pre.texts)))
        box.addWidget(_label("別の窓口で続きを受け付ける"))
        box.addWidget(self._button("直前の受付の\n案内シートQRを読む", "demo_continue_last", self.scan_last_guidance))
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.setWidget(scroll)

    def _button(self, text: str, name: str, action: Callable[[], None]) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        def pressed() -> None:
            action()
            self.give_back_keyboard()

        b.clicked.connect(pressed)
        return b

    def float_beside(self, screen: QSize) -> None:
        """A window of its own at the screen's right edge, when the steps need the room beside them (a large
        text scale), as wide as its buttons: kept to the docked 300 px it scrolled sideways."""
        self.setFloating(True)
        self.setMaximumWidth(WIDGET_SIZE_MAX)
        scroll = self.widget()
        inner = scroll.widget() if isinstance(scroll, QScrollArea) else None
        if isinstance(scroll, QScrollArea) and inner is not None:
            content = inner.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
            self.resize(min(content + 2 * scroll.frameWidth() + FLOAT_MARGIN, screen.width() // 2), screen.height() // 2)
        self.move(screen.width() - self.width(), 0)
        self.give_back_keyboard()  # shown as a window of its own, it took the activation

    def give_back_keyboard(self) -> None:
        """The counter window active again: pressing a button of the floating tray (text scale 1.4 on a small
        screen) activated the tray, and the clerk's next keys (a 本人確認 number, Enter) went to it. A dialog
        the action opened (the PIN pad) keeps the activation."""
        counter = self.parentWidget()
        if self.isFloating() and counter is not None and QApplication.activeModalWidget() is None:
            counter.window().activateWindow()

    def place(self, card: DemoCard) -> None:
        if self._reader.card is not None:
            self._reader.remove()
        self._reader.insert(card.profile)

    def lift(self) -> None:
        self._reader.remove()

    def add_typed(self, typed: DemoTyped) -> None:
        try:
            self._session().add_member_typed(name=typed.name, birth_date=typed.birth_date, sex=typed.sex,
                                             name_kana=typed.name_kana)
        except WorkflowError as exc:
            self._notify(exc.message)

    def scan_last_guidance(self) -> None:
        """What the scanner types from the guidance sheet of the reception finished last (北見)."""
        reception_id = self._last_reception()
        if reception_id is None:
            self._notify("まだ終了した受付がありません。受付を終えてから押してください")
            return
        self._scan(reception_code(reception_id))

    def show_codes(self, texts: tuple[str, ...]) -> None:
        for text in texts:
            self._scan(text)


def _two_lines(label: str) -> str:
    """「山田 太郎（転入・世帯主）」 as 「山田 太郎」 over 「転入・世帯主」: the tray stays narrow."""
    name, _, rest = label.partition("（")
    return f"{name}\n{rest.rstrip('）')}" if rest else name


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
