"""What the forms of a plan still need beyond the card and the interview (forms.md tag [聴]): phone,
the new address, 本籍・筆頭者, フリガナ, the child allowance account… Anything left empty prints as an
empty box for the resident to fill in.

The table below maps form ids to their fields until kakanai.forms publishes each definition's inputs;
`needed_inputs` asks only for forms the plan will print here (Mode.HERE) and, for per-person forms,
only for the people they are printed for.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kakanai.model import LifeEvent, Plan, Reception


class InputKind(StrEnum):
    TEXT = "text"
    KANA = "kana"  # カタカナ (IME input)
    PHONE = "phone"
    ADDRESS = "address"
    DIGITS = "digits"


class InputTarget(StrEnum):
    FORM_INPUT = "form_input"  # Reception.form_inputs / Person.form_inputs[key]
    HOUSEHOLD_ADDRESS = "household_address"  # Household.address (the new address of a move)
    NAME_KANA = "name_kana"  # Person.name_kana


@dataclass(frozen=True)
class InputField:
    key: str
    label: str
    kind: InputKind
    person: str | None = None
    target: InputTarget = InputTarget.FORM_INPUT
    hint: str = ""
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Spec:
    key: str
    label: str
    kind: InputKind
    per_person: bool = False
    target: InputTarget = InputTarget.FORM_INPUT
    hint: str = ""
    events: frozenset[LifeEvent] | None = None  # None = every event


_MOVES = frozenset({LifeEvent.MOVING_IN, LifeEvent.MOVING_WITHIN})
PHONE = _Spec("phone", "電話番号（日中の連絡先）", InputKind.PHONE, hint="例: 090-1234-5678")
NEW_ADDRESS = _Spec("address", "新しい住所（方書まで）", InputKind.ADDRESS, target=InputTarget.HOUSEHOLD_ADDRESS,
                    events=_MOVES)
KANA = _Spec("name_kana", "フリガナ", InputKind.KANA, per_person=True, target=InputTarget.NAME_KANA)
HONSEKI = _Spec("honseki", "本籍", InputKind.ADDRESS, per_person=True, events=frozenset({LifeEvent.MOVING_IN}),
                hint="外国籍の方は空欄")
HITTOUSHA = _Spec("hittousha", "筆頭者", InputKind.TEXT, per_person=True, events=frozenset({LifeEvent.MOVING_IN}))
MOVE_OUT_ADDRESS = _Spec("destination", "転出先の住所", InputKind.ADDRESS, events=frozenset({LifeEvent.MOVING_OUT}))
PURPOSE = _Spec("purpose", "使用目的・提出先", InputKind.TEXT, hint="例: 勤務先に提出")
COPIES = _Spec("copies", "通数", InputKind.DIGITS, hint="例: 1")
SEAL_CARD = _Spec("seal_card_number", "印鑑登録証の番号", InputKind.DIGITS)
BANK = _Spec("bank_account", "振込先（金融機関・支店・口座番号）", InputKind.TEXT, hint="公金受取口座を使う場合は空欄")
OCCUPATION = _Spec("occupation", "職業・勤務先", InputKind.TEXT)
SPOUSE_ADDRESS = _Spec("new_honseki", "新しい本籍", InputKind.ADDRESS)

FORM_INPUTS: dict[str, tuple[_Spec, ...]] = {
    "resident_move_notice": (NEW_ADDRESS, MOVE_OUT_ADDRESS, PHONE, KANA, HONSEKI, HITTOUSHA),
    "mynumber_card_update": (PHONE,),
    "signing_cert_issue": (PHONE,),
    "seal_registration": (KANA, PHONE),
    "seal_certificate_request": (SEAL_CARD, COPIES),
    "certificate_request": (PURPOSE, COPIES, PHONE),
    "tax_certificate_request": (PURPOSE, COPIES),
    "family_register_request": (PURPOSE, COPIES, HONSEKI, HITTOUSHA),
    "birth_registration": (PHONE, KANA, HONSEKI, HITTOUSHA),
    "death_registration": (PHONE, HONSEKI),
    "marriage_registration": (PHONE, SPOUSE_ADDRESS),
    "divorce_registration": (PHONE,),
    "child_allowance_claim": (OCCUPATION, BANK, PHONE),
    "nhi_enroll": (PHONE, KANA),
}
DEFAULT_INPUTS = (PHONE,)
INPUT_LABELS = {spec.key: spec.label.split("（")[0] for specs in FORM_INPUTS.values() for spec in specs}


def needed_inputs(reception: Reception, plan: Plan) -> tuple[InputField, ...]:
    """The inputs of every form this plan prints, each asked once (household first, then per person)."""
    found: dict[tuple[str, str | None], InputField] = {}
    everyone = [m.id for m in reception.members]
    for form, proc in plan.forms_to_print():
        people = [proc.person] if proc.person is not None else everyone
        for spec in FORM_INPUTS.get(form, DEFAULT_INPUTS):
            if spec.events is not None and reception.event not in spec.events:
                continue
            for person in people if spec.per_person else [None]:
                key = (spec.key, person)
                if key in found:
                    old = found[key]
                    if form not in old.forms:
                        found[key] = InputField(old.key, old.label, old.kind, old.person, old.target, old.hint,
                                                (*old.forms, form))
                    continue
                found[key] = InputField(spec.key, spec.label, spec.kind, person, spec.target, spec.hint, (form,))
    order = {m: i for i, m in enumerate(everyone)}
    return tuple(sorted(found.values(), key=lambda f: (-1 if f.person is None else order.get(f.person, 0))))
