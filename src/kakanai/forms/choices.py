"""Choice inputs (`kind: choice` in forms/*.yaml `inputs:`): the clerk picks one of the declared options (or
several, `multiple: true`); the form's tick boxes bound to the input (`value: input.x, when: [option]`) show
the pick. A multiple choice is kept in `form_inputs` as one string, the options joined by CHOICE_SEPARATOR
(how a multiple fact prints too), so the reception JSON and the record stay plain strings."""

from __future__ import annotations

from collections.abc import Iterable

CHOICE_SEPARATOR = "、"


def join_choices(options: Iterable[str]) -> str:
    return CHOICE_SEPARATOR.join(options)


def split_choices(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split(CHOICE_SEPARATOR) if v)

