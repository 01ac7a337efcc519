"""The resident's language travels in the pre-entry code (issue 19): key `l` of the document."""

from __future__ import annotations

import dataclasses

from kakanai.qr import decode_texts, encode_reception
from kakanai.qr.document import to_document
from tests.unit.qr.samples import example_reception


def test_the_language_round_trips_and_japanese_adds_nothing() -> None:
    reception = example_reception("moving_in")
    assert "l" not in to_document(reception)
    portuguese = dataclasses.replace(reception, language="pt-BR")
    assert to_document(portuguese)["l"] == "pt-BR"
    back = decode_texts(encode_reception(portuguese).texts)
    assert back.language == "pt-BR" and back == portuguese
