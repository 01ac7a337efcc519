"""The worker's wait for the UI thread's answer (the PIN, a 在留カード's number)."""

from __future__ import annotations

import threading

from kakanai.card.card_number import BlockingNumberPrompt
from kakanai.card.handoff import Handoff
from kakanai.card.pin import BlockingPinPrompt, KeyKind, PinAnswer, PinRequest


def test_the_worker_gets_what_the_ui_thread_gives_and_the_answer_is_not_kept() -> None:
    shown: list[str] = []
    handoff: Handoff[str, str] = Handoff(shown.append, timeout=5)
    worker_got: list[str | None] = []
    worker = threading.Thread(target=lambda: worker_got.append(handoff.ask("暗証番号")))
    worker.start()
    while not shown:
        threading.Event().wait(0.001)
    handoff.give("1234")
    worker.join(5)
    assert shown == ["暗証番号"] and worker_got == ["1234"]
    assert handoff._answer is None  # the secret does not outlive its use


def test_no_answer_in_time_or_a_cancel_is_none() -> None:
    assert Handoff[str, str](lambda _q: None, timeout=0.01).ask("?") is None
    prompt = BlockingPinPrompt(lambda _r: prompt.cancel(), timeout=5)
    assert prompt.request_pin(PinRequest(KeyKind.PIN, 3, last_try=False)) is None
    pin = BlockingPinPrompt(lambda _r: pin.answer("1234", confirmed_last_try=True), timeout=5)
    assert pin.request_pin(PinRequest(KeyKind.PIN, 1, last_try=True)) == PinAnswer("1234", True)
    number = BlockingNumberPrompt(lambda problem: number.answer(f"AB12345678CD{problem or ''}"), timeout=5)
    assert number(None) == "AB12345678CD" and number("!") == "AB12345678CD!"
