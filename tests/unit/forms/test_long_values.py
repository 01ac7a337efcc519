"""Values longer than their box on the printed forms (a foreign resident's Latin name, a long フリガナ, a long
traditional name): they are wrapped inside the box, never clipped, never drawn over a neighbouring box, and
never a refused document while a legible (9 pt, 75 %) fit exists. Positions are read back from the PDF
(pdftotext -bbox, points from the top-left corner)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kakanai.forms import FormLibrary, render_form
from kakanai.forms.library import form_library
from kakanai.model import Reception
from kakanai.paths import forms_dir
from tests.unit.forms.conftest import (
    MUNICIPALITY,
    TODAY,
    example_members,
    reception_with,
    words_inside,
    words_mm,
)

LATIN = "WILLIAMSON-FITZGERALD MARGARET ELIZABETH ANNE"
LONG_KANA = "テシガワラ　サブロウザエモンノスケ"  # 17 characters
LONG_KANJI = "勅使河原　三郎左衛門之助"  # 12 characters

ONE_FIELD = """
id: one
title: 試験用様式
legal_basis: 試験
page: {size: A4, orientation: portrait}
per: household
items:
  - {type: field, id: name, label: 氏名, x: 10, y: 20, w: 60, h: 11, value: applicant.name, size: [13, 9]}
  - {type: field, id: kana, label: フリガナ, x: 72, y: 20, w: 60, h: 11, value: applicant.name_kana, size: [10, 9]}
backoffice: {x: 160, y: 150, size: 30}
"""


@pytest.fixture()
def one_field(tmp_path: Path) -> FormLibrary:
    folder = tmp_path / "forms"
    shutil.copytree(forms_dir() / "blocks", folder / "blocks")
    (folder / "one.yaml").write_text(ONE_FIELD, encoding="utf-8")
    return FormLibrary(folder)


def _render_one(library: FormLibrary, reception: Reception) -> bytes:
    return render_form(library.get("one"), reception, None, None, [], MUNICIPALITY, TODAY).pdf


def test_a_latin_name_too_long_for_one_line_wraps_beside_its_label_at_spaces(one_field: FormLibrary,
                                                                            tmp_path: Path) -> None:
    # 45 letters need 70 mm at 9 pt compressed to 75 %; the 氏名 box is 60 mm wide. Below the 4.2 mm label
    # there is room for one line only; beside the label, the box's full height holds two.
    pdf = _render_one(one_field, reception_with(members=example_members(name=LATIN)))
    words = words_mm(pdf, tmp_path)
    assert words_inside(words, 10, 20, 60, 11) == ["氏名", "WILLIAMSON-FITZGERALD", "MARGARET", "ELIZABETH", "ANNE"]
    label = next(t for t in words if t[0] == "氏名")
    value = [t for t in words if t[0] in LATIN.split()]
    assert all(t[1] > label[3] for t in value)  # beside the label, never over it
    first, second = sorted({round(t[2], 1) for t in value})  # two lines, broken at a space
    assert [t[0] for t in value if round(t[2], 1) == first] == ["WILLIAMSON-FITZGERALD"]
    assert [t[0] for t in value if round(t[2], 1) == second] == ["MARGARET", "ELIZABETH", "ANNE"]


def test_a_long_kana_name_wraps_beside_its_label(one_field: FormLibrary, tmp_path: Path) -> None:
    kana = "ウィリアムソンフィッツジェラルド　マーガレット　エリザベス"  # 29 characters: 69 mm at 9 pt, 75 %
    pdf = _render_one(one_field, reception_with(members=example_members(name_kana=kana)))
    assert "".join(words_inside(words_mm(pdf, tmp_path), 72, 20, 60, 11)) == "フリガナ" + kana.replace("　", "")


def test_a_short_name_still_prints_below_its_label(one_field: FormLibrary, tmp_path: Path) -> None:
    pdf = _render_one(one_field, reception_with(members=example_members(name="NGUYEN VAN AN")))
    words = words_mm(pdf, tmp_path)
    label = next(t for t in words if t[0] == "氏名")
    nguyen = next(t for t in words if t[0] == "NGUYEN")
    assert nguyen[2] >= label[4] and nguyen[1] < label[3]  # the usual place: under the label, from its left


def test_movers_with_long_names_and_kana_wrap_in_their_row_cells(tmp_path: Path) -> None:
    # 住民異動届: ふりがな column x 10-37 mm, 氏名 37-66 mm; row 1 from y 89 to 104 mm.
    reception = reception_with(members=example_members(name=LONG_KANJI, name_kana=LONG_KANA))
    pdf = render_form(form_library().get("resident_move_notice"), reception, None, None, list(reception.members),
                      MUNICIPALITY, TODAY).pdf
    words = words_mm(pdf, tmp_path)
    assert "".join(words_inside(words, 10, 89, 27, 15)) == LONG_KANA.replace("　", "")
    assert "".join(words_inside(words, 37, 89, 29, 15)) == LONG_KANJI.replace("　", "")


def test_a_long_hittousha_wraps_in_its_row_cell(tmp_path: Path) -> None:
    # 住民異動届: 筆頭者 column x 153-176 mm (the head's own long name, typed as the 筆頭者).
    reception = reception_with(form_inputs={"phone": "090-1234-5678", "hittousha": LONG_KANJI})
    pdf = render_form(form_library().get("resident_move_notice"), reception, None, None, list(reception.members),
                      MUNICIPALITY, TODAY).pdf
    assert "".join(words_inside(words_mm(pdf, tmp_path), 153, 89, 23, 15)) == LONG_KANJI.replace("　", "")


def test_a_four_part_latin_name_takes_three_lines_of_an_11_mm_row(tmp_path: Path) -> None:
    # 国民健康保険異動届: 氏名 column x 44-82 mm, row 1 y 118-129 mm (row_h 11). 45 letters need three lines
    # of the 35.6 mm cell at 9 pt: 1.1 sizes apart they fit (1.2 would need 11.4 mm).
    reception = reception_with(members=example_members(name=LATIN))
    pdf = render_form(form_library().get("nhi_notice"), reception, None, None, list(reception.members[:1]),
                      MUNICIPALITY, TODAY).pdf
    words = words_mm(pdf, tmp_path)
    assert words_inside(words, 44, 118, 38, 11) == LATIN.split()
    assert len({round(t[2], 1) for t in words if t[1] >= 44 and t[3] <= 82 and t[2] >= 118 and t[4] <= 129}) == 3


def test_a_60_character_honseki_fits_its_mover_row(tmp_path: Path) -> None:
    # 住民異動届: 本籍 column x 111-153 mm, row 1 y 89-104 mm: four lines at 9 pt.
    honseki = "京都府京都市上京区今出川通烏丸東入相国寺門前町６４７番地の２３" * 2  # 64 characters
    reception = reception_with(form_inputs={"phone": "090-1234-5678", "honseki": honseki})
    pdf = render_form(form_library().get("resident_move_notice"), reception, None, None, list(reception.members),
                      MUNICIPALITY, TODAY).pdf
    assert "".join(words_inside(words_mm(pdf, tmp_path), 111, 89, 42, 15)) == honseki


def test_a_childs_long_kana_fits_the_single_parent_medical_row(tmp_path: Path) -> None:
    """ひとり親家庭等医療費助成: the children's フリガナ column (x 10-60 mm, 9 mm rows under the heading) holds two lines of
    15; a foreign child's 29-character kana refused the whole sheet (38 mm held 22)."""
    kana = "ウィリアムソンフィッツジェラルド　マーガレット　エリザベス"
    members = example_members()
    members[2] = {**members[2], "name_kana": kana}
    reception = reception_with(members=members)
    doc = render_form(form_library().get("single_parent_medical"), reception, None, None,
                      [reception.members[2]], MUNICIPALITY, TODAY)
    cell = "".join(words_inside(words_mm(doc.pdf, tmp_path), 10, 124, 50, 9))  # row 1, under the heading
    assert cell == kana.replace("　", "")
