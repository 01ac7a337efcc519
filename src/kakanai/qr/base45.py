"""Base45 (RFC 9285): two bytes become three characters of the QR alphanumeric alphabet.

This is the encoding of the EU Digital COVID Certificate. Its 45 characters are exactly the QR
alphanumeric set, which a QR symbol stores in 5.5 bits each (ISO/IEC 18004 section 7.4.4), so binary data
costs 8.25 bits a byte and no reader has to guess a character set.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_BASE = 45
_BASE2 = _BASE * _BASE


class Base45Error(ValueError):
    pass


def b45encode(data: bytes) -> str:
    out: list[str] = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        e, rest = divmod(n, _BASE2)
        d, c = divmod(rest, _BASE)
        out += (ALPHABET[c], ALPHABET[d], ALPHABET[e])
    if len(data) % 2:
        d, c = divmod(data[-1], _BASE)
        out += (ALPHABET[c], ALPHABET[d])
    return "".join(out)


def b45decode(text: str) -> bytes:
    if len(text) % 3 == 1:
        raise Base45Error(f"Base45 の長さが不正です（{len(text)}文字）")
    try:
        values = [_VALUE[c] for c in text]
    except KeyError as exc:
        raise Base45Error(f"Base45 にない文字です（{exc.args[0]!r}）") from None
    out = bytearray()
    for i in range(0, len(values), 3):
        group = values[i : i + 3]
        if len(group) == 3:
            n = group[0] + group[1] * _BASE + group[2] * _BASE2
            if n > 0xFFFF:
                raise Base45Error(f"Base45 の値が範囲外です（{i}文字目）")
            out += bytes(divmod(n, 256))
        else:
            n = group[0] + group[1] * _BASE
            if n > 0xFF:
                raise Base45Error(f"Base45 の値が範囲外です（{i}文字目）")
            out.append(n)
    return bytes(out)
