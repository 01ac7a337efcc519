"""The worker-thread API: start_read with callbacks and a PIN prompt answered from another thread."""

from __future__ import annotations

import threading

from kakanai.card import (
    BasicInfo,
    BlockingPinPrompt,
    CallbackPinHandler,
    CardError,
    PinAnswer,
    PinRequest,
    StaticPin,
    WrongPinError,
    start_read,
)
from kakanai.card.simulator import InProcessReader
from tests.unit.card.helpers import PIN, kokutou


def test_start_read_delivers_the_result() -> None:
    reader = InProcessReader(kokutou())
    results: list[BasicInfo] = []
    errors: list[CardError] = []
    start_read(reader.connect, StaticPin(PIN), results.append, errors.append).join(5)
    assert errors == [] and results[0].name.startswith("黒桐")


def test_start_read_delivers_errors() -> None:
    reader = InProcessReader(kokutou())
    errors: list[CardError] = []
    start_read(reader.connect, StaticPin("0000"), lambda _: None, errors.append).join(5)
    assert isinstance(errors[0], WrongPinError) and errors[0].tries_left == 2


def test_no_card_is_an_error_not_a_crash() -> None:
    errors: list[CardError] = []
    start_read(InProcessReader().connect, StaticPin(PIN), lambda _: None, errors.append).join(5)
    assert errors[0].code.value == "no_card"


def test_blocking_prompt_answered_from_the_ui_thread() -> None:
    requests: list[PinRequest] = []
    prompt: BlockingPinPrompt

    def on_request(request: PinRequest) -> None:  # the UI would show a dialog, then answer
        requests.append(request)
        threading.Timer(0.01, prompt.answer, args=(PIN,)).start()

    prompt = BlockingPinPrompt(on_request, timeout=5)
    results: list[BasicInfo] = []
    reader = InProcessReader(kokutou())
    start_read(reader.connect, prompt, results.append, lambda e: None).join(5)
    assert requests[0].tries_left == 3 and not requests[0].last_try
    assert results and PIN not in repr(prompt)


def test_blocking_prompt_cancel_and_timeout() -> None:
    prompt = BlockingPinPrompt(lambda r: prompt.cancel())
    assert prompt.request_pin(PinRequest(kokutou_kind(), 3, False)) is None
    slow = BlockingPinPrompt(lambda r: None, timeout=0.01)
    assert slow.request_pin(PinRequest(kokutou_kind(), 3, False)) is None


def kokutou_kind():  # type: ignore[no-untyped-def]
    from kakanai.card import KeyKind

    return KeyKind.PIN


def test_callback_handler() -> None:
    handler = CallbackPinHandler(lambda r: PinAnswer(PIN, confirmed_last_try=r.last_try))
    reader = InProcessReader(kokutou(pin_tries_left=1))
    results: list[BasicInfo] = []
    start_read(reader.connect, handler, results.append, lambda e: None).join(5)
    assert results
