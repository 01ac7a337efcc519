"""The project's stable vocabulary (../shared/domain/life-events.md): never rename a value."""

from __future__ import annotations

from enum import StrEnum


class LifeEvent(StrEnum):
    MOVING_IN = "moving_in"
    MOVING_WITHIN = "moving_within"
    MOVING_OUT = "moving_out"
    HOUSEHOLD_CHANGE = "household_change"
    BIRTH = "birth"
    DEATH = "death"
    MARRIAGE = "marriage"
    DIVORCE = "divorce"
    CERTIFICATES = "certificates"

    @property
    def label(self) -> str:
        return LIFE_EVENT_LABELS[self]


LIFE_EVENT_LABELS: dict[LifeEvent, str] = {
    LifeEvent.MOVING_IN: "転入",
    LifeEvent.MOVING_WITHIN: "転居",
    LifeEvent.MOVING_OUT: "転出",
    LifeEvent.HOUSEHOLD_CHANGE: "世帯変更",
    LifeEvent.BIRTH: "出生",
    LifeEvent.DEATH: "死亡・おくやみ",
    LifeEvent.MARRIAGE: "婚姻",
    LifeEvent.DIVORCE: "離婚",
    LifeEvent.CERTIFICATES: "証明書",
}


class Sex(StrEnum):
    """ISO 5218 as on the card: 1 male, 2 female, 9 not applicable (0 unknown is folded into 9)."""

    MALE = "male"
    FEMALE = "female"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return {"male": "男", "female": "女", "not_applicable": "-"}[self.value]


class Mode(StrEnum):
    """How a planned procedure is handled at this counter (life-events.md section 5)."""

    HERE = "here"  # a form is printed at this counter
    GUIDANCE = "guidance"  # another office, or later
    DONE = "done"  # usually already filed (e.g. by the funeral company); the clerk confirms

    @property
    def label(self) -> str:
        return {"here": "この窓口で手続", "guidance": "ご案内", "done": "提出済みの確認"}[self.value]


class Who(StrEnum):
    PERSON = "person"
    HOUSEHOLD = "household"
