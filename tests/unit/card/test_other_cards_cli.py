"""Detection of the card kind, the example profiles, `kakanai card read` for each kind, and the real OCR."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kakanai.card import KeyKind, StaticPin, ocr
from kakanai.card.anycard import detect_kind, read_any
from kakanai.card.errors import MatchBNotApplicableError, MissingCardNumberError, UnknownCardError
from kakanai.card.reading import NAME_BOX, CardKind
from kakanai.card.simulator import InProcessConnection
from kakanai.card.simulator.glyphs import FaceText, render_face
from kakanai.card.simulator.kinds import load_any_profile, profile_kind
from tests.unit.card.helpers import REPO, ScriptedConnection, kokutou
from tests.unit.card.test_cli_card import run

CARDS = REPO / "resources/examples/cards"
LICENCE = CARDS / "licence-yoshida-gaiji.json"
STUDENT = CARDS / "residence-2nd-nguyen-student.json"
SPECIAL = CARDS / "special-permanent-1st-kim.json"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (LICENCE, CardKind.DRIVING_LICENCE),
        (STUDENT, CardKind.RESIDENCE_CARD),
        (SPECIAL, CardKind.RESIDENCE_CARD),  # the read itself tells 特別永住者証明書 from the card type
    ],
)
def test_detect_kind(path: Path, kind: CardKind) -> None:
    assert detect_kind(InProcessConnection(load_any_profile(path))) is kind


def test_detect_mynumber_first_apdu_only() -> None:
    conn = InProcessConnection(kokutou())
    assert detect_kind(conn) is CardKind.MYNUMBER and conn.card.count == 1


def test_unknown_card() -> None:
    conn = ScriptedConnection(
        [
            ("00a4040c0ad3921000310001010408", "6a82"),
            ("00a4040c10a0000002310100000000000000000000", "6a82"),
            ("00b08a0002", "6a82"),
        ]
    )
    with pytest.raises(UnknownCardError):
        detect_kind(conn)
    assert conn.finished()


def test_residence_without_number_is_refused_before_any_authentication() -> None:
    conn = InProcessConnection(load_any_profile(STUDENT))
    with pytest.raises(MissingCardNumberError):
        read_any(conn, StaticPin(""))
    assert [c[1] for c in conn.card.history] == [0xA4, 0xA4, 0xB0]  # detection only


@pytest.mark.parametrize(("path", "label", "detection"), [
    (LICENCE, "運転免許証", [0xA4, 0xA4]), (STUDENT, "在留カード・特別永住者証明書", [0xA4, 0xA4, 0xB0])])
def test_match_b_on_another_card_is_refused_before_any_authentication(path: Path, label: str,
                                                                       detection: list[int]) -> None:
    """照合番号B is a My Number card's key: given for a 運転免許証 it was sent as the licence's 暗証番号1
    (a try spent on a key the clerk never meant). Refused after detection, nothing else sent."""
    conn = InProcessConnection(load_any_profile(path))
    with pytest.raises(MatchBNotApplicableError) as raised:
        read_any(conn, StaticPin("4321"), key_kind=KeyKind.MATCH_B, card_number="AB12345678CD")
    assert raised.value.message == (f"照合番号Bはマイナンバーカードにだけ使えます（置かれているのは{label}です）。"
                                    "カードには何も送っていません。")
    assert [c[1] for c in conn.card.history] == detection  # detection only: no VERIFY, no authentication


def test_cli_match_b_on_a_licence(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["card", "read", "--simulate", str(LICENCE), "--match-b", "--pin-stdin", "--json"], "4321\n",
                       monkeypatch, capsys)
    assert (code, json.loads(out)["error"]["code"]) == (2, "match_b_not_applicable")


def test_example_kinds() -> None:
    kinds = {p.name: profile_kind(load_any_profile(p)) for p in (LICENCE, STUDENT, SPECIAL)}
    assert list(kinds.values()) == [
        CardKind.DRIVING_LICENCE,
        CardKind.RESIDENCE_CARD,
        CardKind.SPECIAL_PERMANENT_RESIDENT,
    ]


def test_cli_licence(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["card", "read", "--simulate", str(LICENCE), "--pin-stdin", "--json"], "4321\n", monkeypatch, capsys
    )
    data = json.loads(out)
    assert code == 0
    assert {
        k: data[k] for k in ("kind", "name", "address", "birth_date", "sex", "nationality", "unconfirmed")
    } == {
        "kind": "driving_licence",
        "name": "〓田\u3000〓志",
        "address": "三重県志摩市阿児町鵜方３０９８－２２",
        "birth_date": "1978-11-03",
        "sex": None,
        "nationality": None,
        "unconfirmed": [{"field": "name", "reason": "gaiji"}],
    }
    assert [(g["index"], len(g["bitmap"])) for g in data["gaiji"]] == [(0, 32), (3, 32)]
    assert data["notes"] == [
        "住所は裏書（2024-10-15 変更）の最新の住所です。券面の住所: 三重県志摩市阿児町鵜方３０９８－２２"
    ]


def test_cli_student_second_generation(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["card", "read", "--simulate", str(STUDENT), "--card-number", "AB12345678CD", "--json"]
    code, out, _ = run(argv, "", monkeypatch, capsys)
    data = json.loads(out)
    assert code == 0
    assert {k: data[k] for k in ("kind", "name", "birth_date", "sex", "nationality", "status", "expiry")} == {
        "kind": "residence_card",
        "name": "NGUYEN VAN AN",
        "birth_date": "2004-08-15",
        "sex": "male",
        "nationality": "VNM",
        "status": "留学",
        "expiry": "2027-09-30",
    }
    assert data["unconfirmed"] == [{"field": "name", "reason": "ocr"}]


def test_cli_special_permanent_first_generation(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["card", "read", "--simulate", str(SPECIAL), "--card-number", "sp98765432xy"]
    code, out, _ = run(argv, "", monkeypatch, capsys)
    assert code == 0
    assert out.splitlines()[:3] == [
        "種類\t特別永住者証明書",
        "氏名\tKIM YOUNG HEE",
        "住所\t三重県志摩市大王町波切２１１",
    ]


@pytest.mark.parametrize(
    ("number", "code", "exit_code"),
    [("SP98765432XX", "wrong_card_number", 3), ("SP987", "invalid_card_number", 2)],
)
def test_cli_card_number_errors(
    number: str,
    code: str,
    exit_code: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["card", "read", "--simulate", str(SPECIAL), "--card-number", number, "--json"]
    rc, out, _ = run(argv, "", monkeypatch, capsys)
    assert rc == exit_code and json.loads(out)["error"]["code"] == code


def test_cli_missing_card_number(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(["card", "read", "--simulate", str(STUDENT), "--json"], "", monkeypatch, capsys)
    assert rc == 2 and json.loads(out)["error"]["code"] == "missing_card_number"


def test_cli_bad_kind_in_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"kind": "passport"}', encoding="utf-8")
    rc, out, _ = run(["card", "read", "--simulate", str(path), "--json"], "", monkeypatch, capsys)
    error = json.loads(out)["error"]
    assert rc == 2 and error["code"] == "bad_profile" and "passport" in error["message"]


def test_real_ocr_of_a_card_face() -> None:
    face = render_face(
        FaceText(
            "TRAN THI MAI",
            None,
            "女 F",
            "ベトナム",
            "三重県志摩市",
            "技能実習",
            None,
            "AB12345678CD",
            "在留カード",
        )
    )
    result = ocr.read_name(ocr.open_image(face), NAME_BOX)
    assert result.text == "TRAN THI MAI"
    assert result.confidence > 50


def test_cli_trust_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kakanai.card.simulator import issuer

    (tmp_path / "issuer.pem").write_bytes(issuer.issuer_pem())
    argv = ["card", "read", "--simulate", str(SPECIAL), "--card-number", "SP98765432XY", "--json"]
    rc, out, _ = run([*argv, "--trust-store", str(tmp_path)], "", monkeypatch, capsys)
    assert rc == 0 and json.loads(out)["signature"]["status"] == "verified"
    rc, out, _ = run([*argv, "--trust-store", str(tmp_path / "none")], "", monkeypatch, capsys)
    assert rc == 2 and json.loads(out)["error"]["code"] == "bad_trust_store"


def test_detected_mynumber_read_stays_at_seven_apdus() -> None:
    conn = InProcessConnection(kokutou())
    reading = read_any(conn, StaticPin("1234"))
    assert reading.kind is CardKind.MYNUMBER and reading.name == "黒桐\u3000幹也"
    assert conn.card.count == 7
