from __future__ import annotations

from kakanai.app.readings import propose_kana


def test_the_counter_proposes_readings_with_its_variant_table() -> None:
    assert propose_kana("渡邊　髙雄") == ("ワタナベ　タカオ",)
    assert propose_kana("中田　健", limit=3) == ("ナカタ　ケン", "ナカタ　タケシ", "ナカダ　ケン")
    assert propose_kana("Smith John") == ("スミス　ジョン",)  # Latin letters read by the dictionary too
    assert propose_kana("山田　\U00029E3D") == ()  # 𩸽 (ほっけ) is not in the dictionary
