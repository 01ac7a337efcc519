"""The vocabulary of the forms' bindings (docs/forms-format.md): which roots and fields a `value:` may name,
checked when a definition is loaded (kakanai.forms.definition), resolved by kakanai.forms.bindings."""

from __future__ import annotations

from collections.abc import Mapping

from kakanai.model.addresses import AddressRole

ADDRESS_ROLES = frozenset(role.value for role in AddressRole)

PERSON_ROOTS = ("person", "applicant", "head", "subject", "row", "spouse", "current_spouse", "father", "mother",
                "recipient", "leaver")
PERSON_FIELDS = ("name", "name_kana", "birth_date", "sex", "address", "relationship", "age", "nationality",
                 "ltc_class", "relation_to_applicant", "is_applicant", "is_head", "age_during", "name_before",
                 "name_after", "name_kana_after", "changed_name")
ROOT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "household": (*(role.value for role in AddressRole), "member_count", "head_name", "mover_count", "new_head_name"),
    "reception": ("event", "head_event", "event_date", "visit_date", "id", "today", "filer", "births", "surname_changes"),
    "procedure": ("id", "title", "reason", "deadline", "counter", "department", "effective_date"),
    "municipality": ("name", "mayor_title", "prefecture"),
}


def check_binding(path: str, inputs: set[str], *, row: bool = False) -> str | None:
    """None when `path` is a binding the renderer knows; else a Japanese message."""
    if path == "blank":
        return None  # a box printed empty on purpose (個人番号: kakanai never reads the My Number)
    parts = path.split(".")
    root = parts[0]
    if root == "row" and not row:
        return f"row. は rows の列の中だけで使えます（{path}）"
    if root in PERSON_ROOTS or root in ("input", "fact", "household_fact"):
        rest = parts[1:] if root in PERSON_ROOTS else parts
        if len(rest) == 1 and root in PERSON_ROOTS and rest[0] in PERSON_FIELDS:
            return None
        if len(rest) == 2 and rest[0] == "input":
            return None if rest[1] in inputs else f"inputs: に宣言されていない入力です（{path}）"
        if len(rest) == 2 and rest[0] in ("fact", "household_fact"):
            return None
        return f"知らない差し込み項目です（{path}）"
    if root in ROOT_FIELDS and len(parts) == 2 and parts[1] in ROOT_FIELDS[root]:
        return None
    return f"知らない差し込み項目です（{path}）"
