"""The fact catalog (facts.yaml): ids, scope, kind, allowed values and the question texts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from kakanai.model import FactValue, ReceptionError
from kakanai.rules.yamlfile import Located, RuleFileError, load_yaml, where


class FactScope(StrEnum):
    PERSON = "person"
    HOUSEHOLD = "household"


class FactKind(StrEnum):
    BOOL = "bool"
    CHOICE = "choice"
    MULTI = "multi"
    INT = "int"
    DATE = "date"


# Module-level aliases: Enum class attribute lookups go through a descriptor and are slow in a hot loop.
_BOOL, _CHOICE, _MULTI, _INT = FactKind.BOOL, FactKind.CHOICE, FactKind.MULTI, FactKind.INT


@dataclass(frozen=True)
class FactDef:
    id: str
    scope: FactScope
    kind: FactKind
    prompt: str
    help: str
    values: tuple[str, ...]  # choice/multi values (bool: "true", "false")
    value_labels: tuple[str, ...]
    none_value: str | None = None  # multi: the value meaning "none of them" ("none")
    minimum: int | None = None
    maximum: int | None = None

    def label_of(self, value: str) -> str:
        return self.value_labels[self.values.index(value)] if value in self.values else value

    def coerce(self, raw: FactValue, field: str) -> FactValue:
        """Check a value given in a reception and return it in canonical form; ReceptionError if invalid."""
        kind = self.kind
        if kind is _BOOL:
            if isinstance(raw, bool):
                return raw
            if raw in ("yes", "no"):
                return raw == "yes"
            raise ReceptionError(field, f"はい/いいえ（true/false）で答えてください（{raw!r}）")
        if kind is _CHOICE:
            if isinstance(raw, str) and raw in self.values:
                return raw
            value = str(raw) if isinstance(raw, int) and not isinstance(raw, bool) else raw
            if isinstance(value, str) and value in self.values:
                return value
            raise ReceptionError(field, f"値は {' / '.join(self.values)} のいずれかです（{raw!r}）")
        if kind is _MULTI:
            items = (raw,) if isinstance(raw, str) else raw
            if not isinstance(items, tuple) or not all(isinstance(x, str) for x in items):
                raise ReceptionError(field, "値のリストが必要です")
            chosen = tuple(x for x in items if x != self.none_value)
            for x in chosen:
                if x not in self.values:
                    raise ReceptionError(field, f"値は {' / '.join(self.values)} のいずれかです（{x!r}）")
            return tuple(sorted(set(chosen), key=self.values.index))
        if kind is _INT:
            if not isinstance(raw, int) or isinstance(raw, bool):
                raise ReceptionError(field, f"整数が必要です（{raw!r}）")
            if (self.minimum is not None and raw < self.minimum) or (
                self.maximum is not None and raw > self.maximum
            ):
                raise ReceptionError(field, f"{self.minimum}から{self.maximum}の範囲で入力してください（{raw}）")
            return raw
        if not isinstance(raw, date):
            raise ReceptionError(field, f"日付（YYYY-MM-DD）が必要です（{raw!r}）")
        return raw


def load_facts(path: Path) -> dict[str, FactDef]:
    data = load_yaml(path)
    if not isinstance(data, Located) or not isinstance(data.get("facts"), Located):
        raise RuleFileError(str(path), "facts: の下に事実を並べてください")
    out: dict[str, FactDef] = {}
    for fact_id, spec in data["facts"].items():
        at = where(spec, str(path))
        if not isinstance(spec, Located):
            raise RuleFileError(at, f"事実 {fact_id} の定義がオブジェクトではありません")
        unknown = set(spec) - {"scope", "kind", "prompt", "help", "values", "none_value", "min", "max"}
        if unknown:
            raise RuleFileError(at, f"事実 {fact_id}: 知らないキー {sorted(unknown)[0]!r}")
        try:
            scope = FactScope(str(spec.get("scope")))
            kind = FactKind(str(spec.get("kind")))
        except ValueError as exc:
            raise RuleFileError(at, f"事実 {fact_id}: {exc}") from None
        raw_values = spec.get("values") or {}
        if kind in (FactKind.CHOICE, FactKind.MULTI) and not isinstance(raw_values, dict):
            raise RuleFileError(at, f"事実 {fact_id}: values は 値: ラベル の対応表です")
        values = tuple(str(v) for v in raw_values) if kind is not FactKind.BOOL else ("true", "false")
        labels = tuple(str(v) for v in raw_values.values()) if kind is not FactKind.BOOL else ("はい", "いいえ")
        prompt = spec.get("prompt")
        if not isinstance(prompt, str) or not prompt:
            raise RuleFileError(at, f"事実 {fact_id}: prompt（質問文）がありません")
        out[str(fact_id)] = FactDef(
            id=str(fact_id), scope=scope, kind=kind, prompt=prompt, help=str(spec.get("help") or ""),
            values=values, value_labels=labels, none_value=spec.get("none_value"),
            minimum=spec.get("min"), maximum=spec.get("max"),
        )
    return out
