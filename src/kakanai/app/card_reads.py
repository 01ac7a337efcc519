"""Every card kind through the counter's one card slot (issue 18), without Qt: the session's side.

The read itself (kakanai.card.card_number: the 在留カード's number asked again after a wrong one) and what
the clerk confirms of it (kakanai.card.confirmation) are the card layer's; here the confirmed card becomes
a member: `add_card_member` adds it, fills `nationality` for a foreign resident's card and records in the
reception log that the clerk confirmed and which identity document was read. The card types the screens
name are re-exported (kakanai.ui imports only kakanai.app and kakanai.model)."""

from __future__ import annotations

from kakanai.app.workflow import ReceptionSession
from kakanai.card import BasicInfo, CardError
from kakanai.card.anycard import RESIDENCE_KINDS
from kakanai.card.card_number import (
    BlockingNumberPrompt,
    CardNumberAsker,
    card_number_problem,
    read_counter_card,
)
from kakanai.card.confirmation import (
    ConfirmedCard,
    GaijiChoice,
    identity_document,
    name_with_gaiji,
    needs_confirmation,
    without_confirmation,
)
from kakanai.card.reading import CardKind, CardReading, GaijiGlyph, Reason
from kakanai.model.members import Member, MemberSource
from kakanai.model.reception_log import AuditKind

NATIONALITY_FACT = "nationality"  # resources/rules/facts.yaml: japanese | foreign
FOREIGN = "foreign"  # a 在留カード and a 特別永住者証明書 are held by foreign nationals only (入管法19条の3, 入管特例法7条)


def add_card_member(session: ReceptionSession, confirmed: ConfirmedCard) -> Member:
    """Add the member the clerk confirmed; raises WorkflowError (nothing added) as add_member_from_card."""
    reading = confirmed.reading
    info = BasicInfo(confirmed.name, confirmed.address, confirmed.birth_date, confirmed.sex)
    # The card itself shows the holder is a foreign national: the rules then put the 在留カード on the
    # 住民異動届's bring list (住民基本台帳法30条の46) without asking.
    facts = {NATIONALITY_FACT: FOREIGN} if reading.kind in RESIDENCE_KINDS else {}
    notes = [(AuditKind.IDENTITY_DOCUMENT, reading.kind.label)]
    if needs_confirmation(reading):
        notes.append((AuditKind.CLERK_CONFIRMED, confirmed.confirmed_detail()))
    return session.add_member_from_card(info, MemberSource.CARD, identity_document(reading.kind), facts=facts,
                                        notes=tuple(notes))


__all__ = [
    "FOREIGN", "NATIONALITY_FACT", "BlockingNumberPrompt", "CardError", "CardKind", "CardNumberAsker",
    "CardReading", "ConfirmedCard", "GaijiChoice", "GaijiGlyph", "Reason", "add_card_member",
    "card_number_problem", "name_with_gaiji", "needs_confirmation", "read_counter_card", "without_confirmation",
]
