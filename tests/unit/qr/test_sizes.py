"""The sizes docs/qr-format.md states ("How big"): if the format or the document changes, so must the doc."""

from __future__ import annotations

from kakanai.model import reception_from_dict
from kakanai.qr import encode_reception, version_for
from tests.unit.qr.samples import household


def versions(members: int, *, distinct_addresses: bool = False) -> list[int]:
    encoded = encode_reception(reception_from_dict(household(members, distinct_addresses=distinct_addresses)))
    return [version_for(text) for text in encoded.texts]


def most_members_in_one_code(*, distinct_addresses: bool) -> int:
    return max(n for n in range(1, 31) if len(versions(n, distinct_addresses=distinct_addresses)) == 1)


def test_versions_for_1_4_and_10_members() -> None:
    table = {n: versions(n) for n in (1, 4, 10)}
    print(f"\nQR versions (level M) for 1/4/10 members: {table}")
    assert table == {1: [16], 4: [20], 10: [25]}


def test_members_with_long_addresses_in_one_code() -> None:
    shared = most_members_in_one_code(distinct_addresses=False)
    distinct = most_members_in_one_code(distinct_addresses=True)
    print(f"\none code (version <= 25): {shared} members sharing a long address, {distinct} with their own")
    assert (shared, distinct) == (13, 5)


def test_thirty_members_need_two_codes() -> None:
    assert versions(30) == [21, 21]
    assert versions(30, distinct_addresses=True) == [23, 23]
