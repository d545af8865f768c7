"""Vietnamese alphabetical order (ICU's ``vi`` collation, CLDR): a ă â b c d đ e ê … with tones after
the letter, so "Cái Nước" comes before "Châu Thới" and "Đầm Dơi" after "Dân", never after "V".

Python's default ``sorted`` orders by code point (Đ U+0110 lands after every Latin letter) and the
databases' default collations are not Vietnamese; every public listing and the directory sort with
this key instead.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

T = TypeVar("T")


@cache
def _collator():
    import icu  # PyICU: loaded on first use so that importing the models needs no ICU

    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def vietnamese_key(text: str) -> bytes:
    """The sort key of ``text`` in Vietnamese order (NFC first, as everything stored is)."""
    return _collator().getSortKey(unicodedata.normalize("NFC", text or ""))


def sorted_vietnamese(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    return sorted(items, key=lambda item: vietnamese_key(key(item)))
