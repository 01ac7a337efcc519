"""Step 1: the life event, as large labelled buttons (keys 1-9 choose directly)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kakanai.model import LifeEvent
from kakanai.ui.pages.host import Host
from kakanai.ui.widgets import button, title

# The order of the buttons (and of the number keys), most frequent first at a counter in spring.
EVENT_ORDER = (
    LifeEvent.MOVING_IN, LifeEvent.MOVING_WITHIN, LifeEvent.MOVING_OUT, LifeEvent.BIRTH, LifeEvent.DEATH,
    LifeEvent.MARRIAGE, LifeEvent.DIVORCE, LifeEvent.HOUSEHOLD_CHANGE, LifeEvent.CERTIFICATES,
)
EVENT_HINTS = {
    LifeEvent.MOVING_IN: "他の市区町村・国外から",
    LifeEvent.MOVING_WITHIN: "市内での引越し",
    LifeEvent.MOVING_OUT: "市外・国外へ",
    LifeEvent.BIRTH: "出生届・児童手当など",
    LifeEvent.DEATH: "死亡届のあとの手続",
    LifeEvent.MARRIAGE: "婚姻届・氏の変更",
    LifeEvent.DIVORCE: "離婚届・氏の変更",
    LifeEvent.HOUSEHOLD_CHANGE: "世帯主変更・分離・合併",
    LifeEvent.CERTIFICATES: "住民票の写し・印鑑証明など",
}


class EventPage(QWidget):
    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        layout = QVBoxLayout(self)
        layout.addWidget(title("ご用件（ライフイベント）を選んでください"))
        hint = QLabel("数字キー 1〜9 でも選べます。住民の方がQRコードをお持ちなら、そのままスキャナーで読み取ってください。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        grid = QGridLayout()
        self.buttons: dict[LifeEvent, QPushButton] = {}
        for i, event in enumerate(EVENT_ORDER):
            b = button(f"{i + 1}  {event.label}\n{EVENT_HINTS[event]}", f"event_{event.value}",
                       partial(self.choose, event), role="big")
            grid.addWidget(b, i // 3, i % 3)
            self.buttons[event] = b
        layout.addLayout(grid)
        layout.addStretch(1)

    def choose(self, event: LifeEvent) -> None:
        self.host.session.choose_event(event)

    def choose_number(self, number: int) -> bool:
        if 1 <= number <= len(EVENT_ORDER):
            self.choose(EVENT_ORDER[number - 1])
            return True
        return False

    def refresh(self) -> None:
        for event, b in self.buttons.items():
            b.setProperty("current", event is self.host.session.event)

    def activate(self) -> None:
        self.buttons[EVENT_ORDER[0]].setFocus()
