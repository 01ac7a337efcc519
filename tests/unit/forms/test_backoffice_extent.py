"""The back-office code grows with its content (one module at least 0.4 mm): for a large household with long
addresses it is larger than the form's declared square. It is moved left and up as needed so that it stays
inside the printable area (5 mm from the edge, backoffice.PRINTABLE_MARGIN_MM), where a printer does
not cut it, and still reads back from a 150 dpi scan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kakanai.forms import render_form
from kakanai.forms.library import form_library
from tests.unit.forms.conftest import MUNICIPALITY, TODAY, example_raw, read_codes, reception_with

NAMES = ("WILLIAMSON-FITZGERALD MARGARET", "RODRIGUES DA SILVA SANTOS FERNANDA",
         "OKONKWO-ADEYEMI CHUKWUEMEKA", "VAN DER BERGHE-LAMBRECHTS PIETER")
KANA = ("ウィリアムソンフィッツジェラルド　マーガレット", "ロドリゲス　ダ　シルバ　サントス　フェルナンダ",
        "オコンクウォアデイェミ　チュクウェメカ", "ファン　デル　ベルヘランブレヒツ　ピーテル")
HONSEKI = ("京都府京都市上京区今出川通烏丸東入相国寺門前町６４７番地", "北海道札幌市中央区北一条西二丁目１番地の３",
           "沖縄県国頭郡恩納村字冨着１２３４番地の５６", "鹿児島県大島郡瀬戸内町古仁屋字春日町９８７番地")
ADDRESS = "神奈川県足柄上郡大井町金子字大久保山１２３４番地の５６　グリーンヒルズ相模野第二団地Ｃ棟１２０３号室（長谷川方）"


def test_a_large_households_code_stays_inside_the_printable_area_and_reads_back(tmp_path: Path) -> None:
    base: list[dict[str, Any]] = [dict(m) for m in example_raw()["members"]]  # type: ignore[attr-defined]
    # Distinct values (repeated ones would compress away): four people, each with a 本籍 of their own.
    members = [{**m, "name": name, "name_kana": kana, "form_inputs": {"honseki": honseki}}
               for m, name, kana, honseki in zip(base, NAMES, KANA, HONSEKI, strict=True)]
    reception = reception_with(members=members, household={"address": ADDRESS, "previous_address": ADDRESS},
                               form_inputs={"phone": "090-1234-5678", "honseki": ADDRESS[:40],
                                            "hittousha": "山田　太郎左衛門之助"})
    form = form_library().get("resident_move_notice")
    doc = render_form(form, reception, None, None, list(reception.members), MUNICIPALITY, TODAY)
    x, y, size = form.backoffice
    right, bottom = doc.code_extent_mm
    assert right - x > size or bottom - y > size  # it did grow (else this test proves nothing)
    assert right <= 210 - 5 and bottom <= 297 - 5
    assert [c["sheet"] for c in read_codes(doc.pdf, tmp_path)] == ["1/1"]
