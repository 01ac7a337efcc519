"""The likely readings (フリガナ) of a person's name, from the Sudachi core dictionary (SudachiDict-core,
whose entries carry a reading and a part of speech; 名詞-固有名詞-人名-姓/名 are the name entries).

A name is written as the project writes it: family and given name separated by the ideographic space
(「山田　太郎」). Each part is read on its own: a family name prefers the 姓 entries, a given name the 名
entries (「一」 as a given name is ハジメ/イチ, not the numeral), then the other entries of the same surface;
among the entries of the wanted kind the one Sudachi's own costs pick first (「河野」 コウノ before カワノ).
A part with no entry is read morpheme by morpheme. 異体字 (髙, 﨑, 𠮷) are replaced by their standard
form for the look-up only (the dictionary lists 高雄, not 髙雄); the name itself is never changed.

The dictionary is opened once, on first use (it is memory-mapped: about 50 ms), and shared; a tokenizer
is made per call because Sudachi's tokenizers are not safe to share between threads.

The counter (issue 17, "Less typing") proposes with `propose_kana` (the member dialog's candidates) and
`best_kana` (the inputs step), both with the 異体字 table of kakanai.model.characters; they degrade to no
proposal when the dictionary cannot be opened (logged: the clerk types the フリガナ as before).
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING

from kakanai.model.characters import standard_form as counter_standard_form
from kakanai.model.characters import without_variation_selectors

if TYPE_CHECKING:
    from sudachipy import Dictionary, Morpheme  # type: ignore[import-untyped]  # ships a .pyi but no py.typed

IDEOGRAPHIC_SPACE = "\u3000"
DEFAULT_LIMIT = 5
# Readings kept per part before combining: enough for 中島 (ナカジマ/ナカシマ) and 健 (ケン/タケシ/タケル).
_PER_PART = 4
_SPLIT = re.compile(r"[\s\u3000]+")
_KATAKANA = re.compile(r"^[\u30A1-\u30FA\u30FC\u30FD\u30FE]+$")
log = logging.getLogger(__name__)

# The standard form of a 異体字 (髙 -> 高), or None (the counter's table: kakanai.model.characters).
StandardForm = Callable[[str], str | None]


class NamePart(Enum):
    FAMILY = "姓"
    GIVEN = "名"


@dataclass(frozen=True)
class NameReading:
    """Ranked katakana readings of each part of a name (family first), best first."""

    name: str
    parts: tuple[tuple[str, ...], ...]

    def candidates(self, limit: int = DEFAULT_LIMIT) -> tuple[str, ...]:
        """Whole-name readings (「ヤマダ　タロウ」), best first: the combinations ordered by the sum of the
        parts' ranks, so the second candidate changes one part by one step. Empty when a part has no
        reading at all (a Latin-letter name, a character the dictionary does not know)."""
        if not self.parts or any(not readings for readings in self.parts):
            return ()
        ranked = sorted(itertools.product(*(range(len(r)) for r in self.parts)), key=lambda ix: (sum(ix), ix))
        return tuple(IDEOGRAPHIC_SPACE.join(r[i] for r, i in zip(self.parts, ix, strict=True))
                     for ix in ranked[:limit])


_lock = threading.Lock()
_loaded: list[Dictionary] = []


class ReadingsUnavailable(RuntimeError):
    """The dictionary cannot be opened (a build that left SudachiDict-core out, a damaged file)."""


def dictionary() -> Dictionary:
    """The Sudachi core dictionary, opened on first use and kept for the process."""
    with _lock:
        if not _loaded:
            try:
                from sudachipy import Dictionary

                _loaded.append(Dictionary(dict="core"))
            # Whatever sudachipy raises (ImportError, its SudachiError, OSError), the caller needs one
            # meaning: no proposals in this process.
            except Exception as exc:
                raise ReadingsUnavailable(f"読み仮名の辞書（SudachiDict-core）を開けません: {exc}") from exc
        return _loaded[0]


def lookup_form(text: str, standard_form: StandardForm) -> str:
    """The text to look up: 異体字 replaced by their standard forms, variation selectors dropped."""
    text = without_variation_selectors(unicodedata.normalize("NFC", text))
    return "".join(standard_form(c) or c for c in text)


def read_name(name: str, standard_form: StandardForm = lambda _c: None) -> NameReading:
    """The readings of `name`. Without a space between family and given name the split is guessed
    from the dictionary (the longest family name whose rest is a given name), unless the whole is
    itself a name entry."""
    stripped = name.strip()
    words = [w for w in _SPLIT.split(stripped) if w]
    if not words:
        return NameReading(stripped, ())
    if len(words) == 1:
        words = _guess_split(lookup_form(words[0], standard_form))
    else:
        words = [lookup_form(w, standard_form) for w in words]
    kinds = [NamePart.FAMILY] + [NamePart.GIVEN] * (len(words) - 1)
    return NameReading(stripped, tuple(read_part(w, kind) for w, kind in zip(words, kinds, strict=True)))


def propose_kana(name: str, limit: int = DEFAULT_LIMIT) -> tuple[str, ...]:
    """Whole-name readings, best first, in full-width katakana with the ideographic space between family
    and given name (「ワタナベ　タカオ」 for 「渡邊　髙雄」); empty when the name cannot be read, and when the
    dictionary cannot be opened (logged)."""
    try:
        return read_name(name, counter_standard_form).candidates(limit)
    except ReadingsUnavailable as exc:
        log.warning("%s", exc)
        return ()


@lru_cache(maxsize=64)
def _read_best(name: str) -> str:
    # The inputs step asks after every change of the reception: a household's names are read once (a few
    # receptions' worth kept; ReadingsUnavailable is raised, never kept, so a dictionary may open later).
    found = read_name(name, counter_standard_form).candidates(1)
    return found[0] if found else ""


def best_kana(name: str) -> str:
    """The best reading of `name` (「ヤマダ　タロウ」), or "" (none, or no dictionary: logged)."""
    try:
        return _read_best(name)
    except ReadingsUnavailable as exc:
        log.warning("%s", exc)
        return ""


def read_part(word: str, kind: NamePart) -> tuple[str, ...]:
    """Ranked readings of one part (already in lookup form)."""
    d = dictionary()
    entries = list(d.lookup(word))
    if entries:
        best = _best_reading(word)
        return tuple(_unique(_rank(entries, kind, best))[:_PER_PART])
    # No entry for the whole part (陽翔, a rare name): read it morpheme by morpheme, each morpheme by
    # its own ranked readings (a name-kind entry first), and combine.
    from sudachipy import SplitMode

    pieces = [m.surface() for m in d.tokenizer(mode=SplitMode.C).tokenize(word)]
    per_piece = [_unique(_rank(list(d.lookup(p)), kind, _best_reading(p))) or _own_reading(p) for p in pieces]
    if any(not readings for readings in per_piece):
        return ()
    combined = NameReading(word, tuple(tuple(p) for p in per_piece)).candidates(_PER_PART)
    return tuple(c.replace(IDEOGRAPHIC_SPACE, "") for c in combined)


def _rank(entries: Sequence[Morpheme], kind: NamePart, best: str | None) -> list[str]:
    def order(entry_index: tuple[int, Morpheme]) -> tuple[int, int, int]:
        index, m = entry_index
        pos = m.part_of_speech()
        is_name = pos[2] == "人名"
        kind_rank = 0 if is_name and pos[3] == kind.value else 1 if is_name else 2
        return kind_rank, 0 if m.reading_form() == best else 1, index

    ordered = [m for _, m in sorted(enumerate(entries), key=order)]
    # When the dictionary knows the surface as a name, its other senses (中田 チュウデン, 一 イッ) are noise.
    if any(m.part_of_speech()[2] == "人名" for m in ordered):
        ordered = [m for m in ordered if m.part_of_speech()[2] == "人名"]
    return [m.reading_form() for m in ordered if _KATAKANA.match(m.reading_form())]


def _best_reading(word: str) -> str | None:
    """The reading Sudachi's costs give the word when it is analysed alone as one morpheme."""
    from sudachipy import SplitMode

    morphemes = dictionary().tokenizer(mode=SplitMode.C).tokenize(word)
    return morphemes[0].reading_form() if len(morphemes) == 1 else None


def _own_reading(piece: str) -> list[str]:
    """Kana read as themselves (さくら -> サクラ); anything else the dictionary does not know: none."""
    kana = "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in piece)
    return [kana] if _KATAKANA.match(kana) else []


def _guess_split(word: str) -> list[str]:
    d = dictionary()
    if any(m.part_of_speech()[2] == "人名" for m in d.lookup(word)):
        return [word]  # 「田中」 alone is a name, not 田 + 中
    for cut in range(len(word) - 1, 0, -1):
        family, given = word[:cut], word[cut:]
        if _has_kind(d.lookup(family), NamePart.FAMILY) and _has_kind(d.lookup(given), NamePart.GIVEN):
            return [family, given]
    return [word]


def _has_kind(entries: Iterable[Morpheme], kind: NamePart) -> bool:
    return any(m.part_of_speech()[2:4] == ("人名", kind.value) for m in entries)


def _unique(readings: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(readings))
