"""Vietnamese text normalisation: the one place that says how text is stored and compared.

- :func:`nfc` — every stored text is Unicode NFC (TCVN 6909, R90); also walks lists, tuples and dicts
  (StreamField / JSON data).
- :func:`fold` — diacritics stripped (``Đ`` → ``D``) and lowercased, for labels, slugs and search.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from anyascii import anyascii


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
