"""JIS X 0208 text of the IC 運転免許証 (id-cards.md §1 "Text encoding", "外字").

Raw two-byte codes, row byte first, no escapes. Characters outside JIS X 0208 are 外字: the text holds
FF F1..FF F7 (外字1..7) or FF FA (欠字) and the glyph is a bitmap elsewhere (DF1/EF03, EF05). We put 〓
(the geta mark, the convention of the spec's printed face) in the text and return every position, so the
clerk is asked; nothing is guessed. ⚠ The byte order of the marker is unconfirmed (TRET implies F1 FF):
both orders are accepted, which is unambiguous because F1 is not a JIS X 0208 row byte.
"""

from __future__ import annotations

from dataclasses import dataclass

GETA = "〓"
GAIJI_FIRST = 0xFFF1
GAIJI_LAST = 0xFFF7
KETSUJI = 0xFFFA  # 欠字: no glyph at all
_EUC_OFFSET = 0x80
_ROWS = range(0x21, 0x7F)
# Python's EUC-JP maps six JIS X 0208 codes to other code points than the rest of kakanai uses (the
# My Number card, forms, typed text: the Windows/cp932 forms, e.g. 1-2-3 written with U+FF0D).
_TO_APP = {
    "\u2212": "\uff0d",
    "\u301c": "\uff5e",
    "\u2016": "\u2225",
    "\u00a2": "\uffe0",
    "\u00a3": "\uffe1",
    "\u00ac": "\uffe2",
}
_FROM_APP = {v: k for k, v in _TO_APP.items()}


class JisDecodeError(ValueError):
    """Bytes that are not JIS X 0208 two-byte codes; the message names the byte position."""


@dataclass(frozen=True)
class GaijiMark:
    index: int  # character position in the decoded text
    number: int  # 1..7 for 外字1..7, 0 for 欠字


def decode(raw: bytes) -> tuple[str, tuple[GaijiMark, ...]]:
    """Text with 〓 at each 外字/欠字 and where they are."""
    if len(raw) % 2:
        raise JisDecodeError(f"長さが奇数です（{len(raw)}バイト）")
    out: list[str] = []
    marks: list[GaijiMark] = []
    for pos in range(0, len(raw), 2):
        hi, lo = raw[pos], raw[pos + 1]
        code = max((hi << 8) | lo, (lo << 8) | hi) if 0xFF in (hi, lo) else (hi << 8) | lo
        if GAIJI_FIRST <= code <= GAIJI_LAST or code == KETSUJI:
            marks.append(GaijiMark(len(out), 0 if code == KETSUJI else code - GAIJI_FIRST + 1))
            out.append(GETA)
            continue
        if hi not in _ROWS or lo not in _ROWS:
            raise JisDecodeError(f"{pos}バイト目が JIS X 0208 の符号ではありません（{hi:02X}{lo:02X}）")
        try:
            ch = bytes([hi | _EUC_OFFSET, lo | _EUC_OFFSET]).decode("euc_jp")
        except UnicodeDecodeError:
            raise JisDecodeError(f"{pos}バイト目が JIS X 0208 にない符号です（{hi:02X}{lo:02X}）") from None
        out.append(_TO_APP.get(ch, ch))
    return "".join(out), tuple(marks)


def encode(text: str, gaiji: dict[str, int] | None = None) -> bytes:
    """The card's bytes for text; characters in `gaiji` become FF F0+n. UnicodeEncodeError otherwise."""
    gaiji = gaiji or {}
    out = bytearray()
    for ch in text:
        if ch in gaiji:
            out += (GAIJI_FIRST - 1 + gaiji[ch]).to_bytes(2, "big")
            continue
        euc = _FROM_APP.get(ch, ch).encode("euc_jp")
        if len(euc) != 2 or euc[0] == 0x8E:
            raise UnicodeEncodeError("jis_x_0208", ch, 0, 1, "not a JIS X 0208 character")
        out += bytes(b & 0x7F for b in euc)
    return bytes(out)


def in_jis_x0208(ch: str) -> bool:
    try:
        encode(ch)
    except UnicodeEncodeError:
        return False
    return True
