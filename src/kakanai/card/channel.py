"""The APDU channel every card session shares: counts APDUs and follows 61 xx / 6C xx (ISO 7816-4 5.3.4)."""

from __future__ import annotations

from kakanai.card import apdu
from kakanai.card.apdu import SwFamily, sw1, sw2
from kakanai.card.connection import CardConnection
from kakanai.card.errors import MalformedDataError

# 61 xx chains longer than this are a broken card, not data (64 x 256 bytes >> any EF here).
_MAX_GET_RESPONSE = 64


class Channel:
    def __init__(self, connection: CardConnection) -> None:
        self._conn = connection
        self.apdu_count = 0

    def transmit(self, command: bytes) -> tuple[bytes, int]:
        """Send command; follow 61 xx with GET RESPONSE and answer 6C xx by resending with Le = xx."""
        data, sw = self._send(command)
        if sw1(sw) == SwFamily.WRONG_LE and len(command) == 5:
            data, sw = self._send(apdu.with_le(command, apdu.decode_le(sw2(sw))))
        chunks = [data]
        for _ in range(_MAX_GET_RESPONSE):
            if sw1(sw) != SwFamily.MORE_DATA:
                break
            data, sw = self._send(apdu.get_response(apdu.decode_le(sw2(sw))))
            chunks.append(data)
        else:
            raise MalformedDataError("カードの応答が終わりません（61xx が続きます）。", sw=sw)
        return b"".join(chunks), sw

    def _send(self, command: bytes) -> tuple[bytes, int]:
        self.apdu_count += 1
        return self._conn.transmit(command)
