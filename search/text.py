"""Vietnamese text helpers shared by the search backends and the search page."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sites.text import fold

_WORD = re.compile(r"\w+", re.UNICODE)


def with_folded(text: str) -> str:
    """The text followed by its folded form when they differ, so either spelling matches."""
    folded = fold(text)
    return text if folded == text.lower() else f"{text} {folded}"


def query_terms(query: str) -> set[str]:
    return {fold(word) for word in _WORD.findall(query)}


def highlight(text: str, query: str, words: int = 40) -> SafeString:
    """A window of ``text`` around the first query word, every query word (folded match) in <mark>."""
    terms = query_terms(query)
    tokens = re.split(r"(\w+)", " ".join(text.split()))
    # tokens alternate separator, word, separator …; word i sits at 2*i+1
    word_positions = list(range(1, len(tokens), 2))
    first = next((n for n, pos in enumerate(word_positions) if fold(tokens[pos]) in terms), 0)
    start = max(0, first - words // 4)
    end = min(len(word_positions), start + words)
    if not word_positions:
        return mark_safe("")
    out = []
    begin, finish = word_positions[start], word_positions[end - 1]
    for index in range(begin, finish + 1):
        token = tokens[index]
        if index % 2 == 1 and fold(token) in terms:
            out.append(f"<mark>{escape(token)}</mark>")
        else:
            out.append(escape(token))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(word_positions) else ""
    return mark_safe(prefix + "".join(out) + suffix)
