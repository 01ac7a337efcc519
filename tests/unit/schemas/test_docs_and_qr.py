"""docs/files-you-can-edit.md is generated from the schemas, and a resident's QR code goes through the
same reception schema as `kakanai plan` (issue 16: codes accepted by `qr read` crashed the planner)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kakanai.qr import QrError, QrErrorCode, decode_texts
from kakanai.rules import load_rulebook
from tests.unit.qr.craft import document_code, minimal_document

ROOT = Path(__file__).parents[3]


def test_the_page_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("gen_file_docs", ROOT / "scripts" / "gen_file_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = (ROOT / "docs" / "files-you-can-edit.md").read_text(encoding="utf-8")
    assert module.page() == expected, "run python scripts/gen_file_docs.py"


@pytest.mark.parametrize(
    ("date", "message"),
    [("1988-12-31", "event_date: 1989-01-08〜2099-12-31 の日付です（1988-12-31）"),
     ("2150-01-01", "event_date: 1989-01-08〜2099-12-31 の日付です（2150-01-01）")],
)
def test_a_qr_code_outside_the_supported_dates_is_refused(date: str, message: str) -> None:
    with pytest.raises(QrError) as caught:
        decode_texts([document_code(minimal_document(d=date))])
    assert caught.value.code is QrErrorCode.INVALID_CONTENT
    assert caught.value.message == message


@pytest.mark.parametrize("date", ["1989-01-08", "2005-06-30", "2019-03-31"])
def test_a_qr_code_the_reader_accepts_plans(date: str) -> None:
    """The 6,353 crashing codes of issue 16 had event dates before 2019-04-01."""
    reception = decode_texts([document_code(minimal_document(e="moving_in", d=date))])
    plan = load_rulebook().plan(reception)
    assert plan.event_date.isoformat() == date
    assert [p.id for p in plan.procedures][:1] == ["resident_move_notice"]
