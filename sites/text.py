"""Vietnamese text normalisation: the one place that says how text is stored and compared.

- :func:`nfc` — every stored text is Unicode NFC (TCVN 6909, R90); also walks lists, tuples and dicts
  (StreamField / JSON data).
- :func:`fold` — diacritics stripped (``Đ`` → ``D``) and lowercased, for labels, slugs and search.
- :func:`clean_line` — a line typed by a reader (a filter, a search box): control characters and runs of
  spaces become one space, NFC, at most ``limit`` characters.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from anyascii import anyascii

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def nfc(value: Any) -> Any:
    """NFC-normalise a string, or every string inside lists, tuples and dicts; other values pass through."""
    if isinstance(value, str):
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, tuple):
        return tuple(nfc(item) for item in value)
    if isinstance(value, dict):
        return {key: nfc(item) for key, item in value.items()}
    return value


def fold(text: str) -> str:
    """Strip Vietnamese diacritics (``Đ`` → ``D``) and lowercase."""
    return anyascii(nfc(text)).lower()


def address_words(text: str) -> str:
    """What a reader typed, as it would appear in a site's address: "An Xuyên" → "anxuyen"."""
    return fold(text).replace(" ", "")


def clean_line(raw: Any, limit: int) -> str:
    """What a reader typed, as one tidy NFC line of at most ``limit`` characters."""
    return " ".join(nfc(_CONTROL.sub(" ", str(raw or ""))).split())[:limit]
