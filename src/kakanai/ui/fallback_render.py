"""A plain renderer for the forms and the guidance sheet, drawn with Qt (QTextDocument to PDF).

Used while kakanai.forms (the ReportLab renderer with each form's official layout) is not installed:
it prints every value a form needs in a simple table, empty boxes for what is unknown, and the guidance
sheet (what to do at which counter, by when, with what). Thread-safe: every call builds its own document.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QRawFont, QTextDocument

from kakanai.app.forms_adapter import input_label
from kakanai.model import Plan, PlannedProcedure, Reception
from kakanai.model.documents import GUIDANCE_SHEET, Document, RenderResult
from kakanai.model.wareki import format_wareki
from kakanai.ui.theme import FONT_FILES, UI_FAMILY

RESOLUTION = 300
EMPTY = "&#12288;" * 8  # an empty box wide enough to write in
CSS = """
body { font-family: 'IPAexGothic'; font-size: 10.5pt; }
h1 { font-size: 18pt; text-align: center; }
h2 { font-size: 13pt; margin-top: 10px; background: #e8e8e8; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid black; padding: 4px; }
th { background: #f0f0f0; width: 28%; text-align: left; }
.office { color: #888888; }
.sign { height: 40px; }
.name { font-family: 'IPAmjMincho'; }
"""


def _e(text: object) -> str:
    return html.escape(str(text)) if text not in (None, "") else EMPTY


def _d(day: date | None) -> str:
    return format_wareki(day) if day else EMPTY


class QtFallbackRenderer:
    name = "簡易様式（Qt）"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._raw: QRawFont | None = None

    # -- glyph coverage of the font the documents use --------------------------------------------------
    def missing_glyphs(self, text: str) -> frozenset[str]:
        font = self._font()
        if font is None:
            return frozenset()
        return frozenset(ch for ch in text if ord(ch) > 0x7F and not font.supportsCharacter(ord(ch))
                         and not 0xFE00 <= ord(ch) <= 0xFE0F and not 0xE0100 <= ord(ch) <= 0xE01EF)

    def _font(self) -> QRawFont | None:
        with self._lock:
            if self._raw is None:
                path = next((p for p in FONT_FILES if Path(p).exists()), None)
                if path is None:
                    return None
                self._raw = QRawFont(str(path), 12)
            return self._raw if self._raw.isValid() else None

    # -- documents -------------------------------------------------------------------------------------
    def render(self, reception: Reception, plan: Plan,
               on_document: Callable[[Document], None] | None = None) -> RenderResult:
        docs: list[Document] = []

        def add(doc: Document) -> None:
            docs.append(doc)
            if on_document is not None:
                on_document(doc)

        seen: set[tuple[str, str | None]] = set()
        for form, proc in plan.forms_to_print():
            key = (form, proc.person)
            if key in seen:
                continue
            seen.add(key)
            add(self.render_form(reception, proc, form))
        add(self.render_guidance(reception, plan))
        return RenderResult(tuple(docs), (), self.name)

    # -- one document (kakanai.model.documents.FallbackForms: a form with no definition yet) -------------
    def render_form(self, reception: Reception, procedure: PlannedProcedure, form_id: str) -> Document:
        proc = procedure
        title = proc.title if proc.person is None else f"{proc.title}（{reception.member(proc.person).name}）"
        return Document(form_id, title, _pdf(title, self._form_html(reception, proc, title)), proc.person)

    def render_guidance(self, reception: Reception, plan: Plan) -> Document:
        sheet_title = "窓口案内シート"
        return Document(GUIDANCE_SHEET, sheet_title, _pdf(sheet_title, _guidance_html(reception, plan)))

    @staticmethod
    def _form_html(reception: Reception, proc: PlannedProcedure, title: str) -> str:
        people = [reception.member(proc.person)] if proc.person else list(reception.members)
        rows = [
            ("届出日", _d(reception.effective_visit_date)),
            ("異動日（事由発生日）", _d(reception.event_date)),
            ("届出の種類", _e(reception.event.label)),
            ("住所（新）", _e(reception.household.address)),
            ("住所（旧）", _e(reception.household.previous_address)),
        ]
        rows += [(input_label(k), _e(v)) for k, v in reception.form_inputs.items()]
        head = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
        persons = "".join(
            f"<tr><td>{_e(p.name_kana)}<br/><span class='name'>{_e(p.name)}</span></td><td>{_d(p.birth_date)}</td><td>{_e(p.sex.label)}</td>"
            f"<td>{_e(p.form_inputs.get('honseki'))}</td><td>{_e(p.form_inputs.get('hittousha'))}</td></tr>"
            for p in people)
        return (f"<html><head><style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>"
                f"<p>{html.escape(proc.legal_basis)}</p><table>{head}</table><h2>届出の対象となる方</h2>"
                "<table><tr><th>フリガナ／氏名</th><th>生年月日</th><th>性別</th><th>本籍</th><th>筆頭者</th></tr>"
                f"{persons}</table><h2>届出人</h2><table><tr><th>署名</th><td class='sign'>{EMPTY}</td></tr>"
                f"<tr><th>電話番号</th><td>{_e(reception.form_inputs.get('phone'))}</td></tr></table>"
                "<p class='office'>※ 以下は市役所使用欄です。記入しないでください。</p>"
                f"<table><tr><td class='office'>受付</td><td>{EMPTY}</td><td class='office'>審査</td>"
                f"<td>{EMPTY}</td></tr></table></body></html>")


def _guidance_html(reception: Reception, plan: Plan) -> str:
    names = {m.id: m.name for m in reception.members}
    parts = [f"<html><head><style>{CSS}</style></head><body><h1>窓口案内シート</h1>",
             f"<p>{html.escape(plan.event.label)}（{format_wareki(plan.event_date)}）に関する手続は次の"
             f"{len(plan.procedures)}件です。上から順にお回りください。</p>"]
    current = None
    for p in plan.procedures:
        if p.department_name != current:
            if current is not None:
                parts.append("</table>")
            current = p.department_name
            parts.append(f"<h2>{html.escape(p.department_name)}（{html.escape(p.counter)}）</h2><table>")
        who = f"［<span class='name'>{html.escape(names.get(p.person or '', ''))}</span>］" if p.person else ""
        due = f"{format_wareki(p.deadline)}まで（{p.deadline_note}）" if p.deadline else p.deadline_note
        bring = "、".join(p.bring)
        parts.append(f"<tr><th>{html.escape(p.title)}{who}<br/>〈{html.escape(p.mode.label)}〉</th>"
                     f"<td>{html.escape(p.reason)}<br/>期限: {html.escape(due or 'なし')}<br/>"
                     f"持ち物: {html.escape(bring or 'なし')}</td></tr>")
    if current is not None:
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def _pdf(title: str, body: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("kakanai")
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    doc = QTextDocument()
    doc.setDefaultFont(QFont(UI_FAMILY, 10))
    doc.setHtml(body)
    doc.print_(writer)
    del writer
    buffer.close()
    return bytes(data.data())
