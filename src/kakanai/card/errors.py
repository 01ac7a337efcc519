"""The card errors the counter can meet, each with a code (the CLI's `error.code`) and a Japanese message.

Messages never contain the PIN or any data read from the card: they are shown, logged and printed.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    WRONG_PIN = "wrong_pin"
    PIN_LOCKED = "pin_locked"
    LAST_TRY_NEEDS_CONFIRMATION = "last_try_needs_confirmation"
    NOT_MYNUMBER_CARD = "not_mynumber_card"
    CARD_REMOVED = "card_removed"
    NO_READER = "no_reader"
    NO_CARD = "no_card"
    SEVERAL_CARDS = "several_cards"  # no reader named and cards in more than one: which one is not guessed
    MALFORMED_DATA = "malformed_data"
    WRONG_CARD_NUMBER = "wrong_card_number"  # 在留カード: the typed number is not this card's
    INVALID_CARD_NUMBER = "invalid_card_number"  # not 2 letters + 8 digits + 2 letters; nothing was sent
    MISSING_CARD_NUMBER = "missing_card_number"
    UNKNOWN_CARD = "unknown_card"  # none of the card kinds the counter reads
    # Not card states but outcomes the caller must still tell apart:
    CANCELLED = "cancelled"  # the PIN handler refused; nothing was spent
    INVALID_PIN_FORMAT = "invalid_pin_format"  # not 4 (or 14) digits; nothing was sent
    MATCH_B_NOT_APPLICABLE = "match_b_not_applicable"  # 照合番号B given for another kind of card; nothing sent
    CARD_ERROR = "card_error"  # any other status word or reader failure


class CardError(Exception):
    """Base of every card failure. `tries_left` is set whenever the card told it."""

    code: ErrorCode = ErrorCode.CARD_ERROR
    default_message = "カードの読み取りに失敗しました。"

    def __init__(self, message: str | None = None, *, tries_left: int | None = None, sw: int | None = None):
        self.message = message or self.default_message
        self.tries_left = tries_left
        self.sw = sw
        super().__init__(self.message)

    def __repr__(self) -> str:
        sw = f", sw={self.sw:04X}" if self.sw is not None else ""
        return f"{type(self).__name__}(code={self.code.value!r}, tries_left={self.tries_left}{sw})"

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"code": self.code.value, "message": self.message}
        if self.tries_left is not None:
            out["tries_left"] = self.tries_left
        return out


class WrongPinError(CardError):
    """63 Cx after VERIFY with x > 0."""

    code = ErrorCode.WRONG_PIN

    def __init__(self, tries_left: int, sw: int | None = None, *, key: str = "暗証番号"):
        # `key` names what the resident typed (KeyKind.noun): the clerk reads this message to them.
        super().__init__(
            f"{key}が違います。残り{tries_left}回です。続けて間違えるとロックされます。"
            if tries_left == 1
            else f"{key}が違います。残り{tries_left}回です。",
            tries_left=tries_left,
            sw=sw,
        )


class PinLockedError(CardError):
    """63 C0, 69 84 or 69 83: only the resident, in person at the municipal office, can reset it."""

    code = ErrorCode.PIN_LOCKED
    default_message = (
        "暗証番号がロックされています。市区町村の窓口で本人が再設定する必要があります。"
        "照合番号B（生年月日・有効期限・セキュリティコード）で読み取れます。"
    )

    def __init__(self, message: str | None = None, *, sw: int | None = None):
        super().__init__(message, tries_left=0, sw=sw)


class LastTryNeedsConfirmationError(CardError):
    code = ErrorCode.LAST_TRY_NEEDS_CONFIRMATION
    default_message = (
        "残り1回です。間違えるとロックされます。職員が確認したうえで、もう一度操作してください。"
    )

    def __init__(self) -> None:
        super().__init__(tries_left=1)


class NotMyNumberCardError(CardError):
    """6A 82 on SELECT of the AP or of EF 0002: another card (a bank card, a 住基カード...)."""

    code = ErrorCode.NOT_MYNUMBER_CARD
    default_message = "マイナンバーカードではありません。カードを確認してください。"


class CardRemovedError(CardError):
    code = ErrorCode.CARD_REMOVED
    default_message = "読み取り中にカードが外されました。カードを置き直して、もう一度読み取ってください。"


class NoReaderError(CardError):
    code = ErrorCode.NO_READER
    default_message = "カードリーダーが見つかりません。接続を確認してください。"


class NoCardError(CardError):
    code = ErrorCode.NO_CARD
    default_message = "カードがありません。カードリーダーにカードを置いてください。"


class SeveralCardsError(CardError):
    """No reader named and a card in several readers: the PIN typed for one resident's card must never
    reach another's (a wrong PIN spends a try on a card that is not theirs), so nothing is connected."""

    code = ErrorCode.SEVERAL_CARDS

    def __init__(self, readers: list[str]) -> None:
        super().__init__(f"カードが{len(readers)}台のカードリーダー（{'、'.join(readers)}）に置かれています。"
                         "読み取るカードだけを置くか、使うカードリーダーを指定してください。")


class MalformedDataError(CardError):
    code = ErrorCode.MALFORMED_DATA
    default_message = "カードのデータを読み取れませんでした（形式が正しくありません）。"


class CancelledError(CardError):
    code = ErrorCode.CANCELLED
    default_message = "暗証番号の入力が取り消されました。カードには何も送っていません。"


class InvalidPinFormatError(CardError):
    code = ErrorCode.INVALID_PIN_FORMAT

    def __init__(self, expected_digits: int, *, tries_left: int | None = None):
        super().__init__(
            f"{expected_digits}桁の数字を入力してください。カードには何も送っていません。",
            tries_left=tries_left,
        )


class MatchBNotApplicableError(CardError):
    """照合番号B is a key of the My Number card's 券面事項入力補助AP only (mynumber-card.md): given for another
    card it would be sent as that card's own key (a licence's 暗証番号1), spending a try nobody meant."""

    code = ErrorCode.MATCH_B_NOT_APPLICABLE

    def __init__(self, card_label: str) -> None:
        super().__init__(f"照合番号Bはマイナンバーカードにだけ使えます（置かれているのは{card_label}です）。"
                         "カードには何も送っていません。")


class SecurityStatusError(CardError):
    """69 82: the file needs a VERIFY that did not happen (a flow bug or a card reset by someone else)."""

    default_message = "カードの認証状態が失われました。もう一度読み取ってください。"


class WrongLengthError(CardError):
    """67 00."""

    default_message = "カードがコマンドの長さを受け付けませんでした。"


class EndOfFileError(MalformedDataError):
    """6B 00 inside the length the file itself declared: the file is shorter than it says."""

    default_message = "カードのデータが途中で終わっています（形式が正しくありません）。"


class UnexpectedStatusError(CardError):
    def __init__(self, sw: int, *, step: str):
        super().__init__(f"カードが予期しない応答を返しました（{step}: {sw:04X}）。", sw=sw)


class WrongCardNumberError(CardError):
    """The card refused the authentication keyed from the typed number (id-cards.md §3: 63 00).

    The specification mentions no retry counter for the card number, so a wrong number costs nothing.
    """

    code = ErrorCode.WRONG_CARD_NUMBER
    default_message = (
        "在留カード等番号がこのカードのものと一致しません。券面右上の12桁を確認して、もう一度入力してください。"
        "（回数の制限はありません）"
    )


class InvalidCardNumberError(CardError):
    code = ErrorCode.INVALID_CARD_NUMBER
    default_message = (
        "在留カード等番号は英字2桁・数字8桁・英字2桁の12文字です（例: AB12345678CD）。カードには何も送っていません。"
    )


class MissingCardNumberError(CardError):
    code = ErrorCode.MISSING_CARD_NUMBER
    default_message = "在留カード・特別永住者証明書の読み取りには、券面の在留カード等番号（12文字）が必要です。"


class UnknownCardError(CardError):
    code = ErrorCode.UNKNOWN_CARD
    default_message = (
        "読み取れるカード（マイナンバーカード・運転免許証・在留カード・特別永住者証明書）ではありません。"
    )
