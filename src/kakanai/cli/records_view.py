"""How `kakanai receptions show` presents a stored reception (text for people, JSON for programs)."""

from __future__ import annotations

from typing import Any

from kakanai.cli.common import EXIT_DOMAIN, CliError

MODE_LABELS = {"here": "この窓口で手続", "guidance": "ご案内", "done": "提出済みの確認"}


def refuse_unreadable(stored: Any) -> None:
    """A reception whose personal data is gone without being purged: its stored fields no longer read back as
    a reception (an event that is not one, a member without a name: a damaged or hand-edited database).
    Said (exit 3), never shown as purged nor with "reception": null as if it were."""
    if stored.unreadable:
        shown = stored.id if stored.id.isprintable() else repr(stored.id)
        raise CliError("unreadable_reception", f"受付ID {shown} の受付は、保存されている個人の記録を読み取れません"
                                               "（壊れているか、書き換えられています）。管理者に連絡してください",
                       EXIT_DOMAIN)


def reception_json(stored: Any, events: Any) -> dict[str, Any]:
    from kakanai.model import reception_to_dict

    refuse_unreadable(stored)
    return {
        "id": stored.id, "number": stored.number, "label": stored.label, "office": stored.office,
        "business_day": stored.business_day.isoformat(), "counter": stored.counter, "staff": stored.staff,
        "event": stored.event, "event_date": stored.event_date.isoformat(), "rules_version": stored.rules_version,
        "started_at": stored.started_at.isoformat(), "finished_at": stored.finished_at.isoformat(),
        "seconds": stored.seconds,
        "purged_at": stored.purged_at.isoformat() if stored.purged_at else None,
        "continues": stored.continues,
        "reception": reception_to_dict(stored.reception) if stored.reception is not None else None,
        "procedures": [{"id": p.procedure, "person": p.person, "mode": p.mode, "department": p.department,
                        "title": p.title, "reason": p.reason, "added_by_clerk": p.added_by_clerk}
                       for p in stored.procedures],
        "overrides": [{"action": o.action, "procedure": o.procedure, "person": o.person, "reason": o.reason}
                      for o in stored.overrides],
        "documents": [{"form_id": d.form_id, "person": d.person, "sha256": d.content_hash,
                       "printed_at": d.printed_at.isoformat()} for d in stored.documents],
        "steps": [{"step": s.step, "started_at": s.started_at.isoformat(), "seconds": s.seconds}
                  for s in stored.steps],
        "errors": [{"code": e.code, "message": e.message, "at": e.at.isoformat()} for e in stored.errors],
        "audit": [{"seq": e.seq, "at": e.at.isoformat(), "staff": e.staff, "action": e.action, "detail": e.detail}
                  for e in events],
    }


def reception_text(stored: Any) -> str:
    refuse_unreadable(stored)
    names = {m.id: m.name for m in stored.reception.members} if stored.reception is not None else {}
    lines = [
        f"受付番号 {stored.label}（{stored.office} {stored.business_day.isoformat()}）  受付ID {stored.id}",
        f"窓口 {stored.counter}  職員 {stored.staff}  事由 {stored.event}（{stored.event_date.isoformat()}）"
        f"  規則版 {stored.rules_version}",
    ]
    if stored.continues:
        lines.append(f"前の受付: {stored.continues}")
    if stored.reception is None:
        lines.append(f"個人情報は保存期間を過ぎたため削除済みです（{stored.purged_at:%Y-%m-%d}）")
    else:
        lines.append("来庁者: " + "、".join(f"{m.name}（{m.id}）" for m in stored.reception.members))
    lines.append(f"手続 {len(stored.procedures)}件:")
    for p in stored.procedures:
        who = f"［{names.get(p.person, p.person)}］" if p.person else ""
        added = "（職員が追加）" if p.added_by_clerk else ""
        lines.append(f"  ・{p.title or p.procedure}{who}〈{MODE_LABELS.get(p.mode, p.mode)}〉{added}")
        if p.reason:
            lines.append(f"      理由: {p.reason}")
    for o in stored.overrides:
        verb = "除外" if o.action == "remove" else "追加"
        lines.append(f"  職員が{verb}: {o.procedure} {o.person or ''} 理由: {o.reason or '（削除済み）'}")
    if stored.documents:
        lines.append(f"印刷 {len(stored.documents)}件: " + "、".join(d.form_id for d in stored.documents))
    return "\n".join(lines)
