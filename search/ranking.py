"""Second-stage ranking, the same on the database backend and the search node (R81, R82).

The backend finds the candidates (folded matching, so "thu tuc" finds "thủ tục") and gives a first
order; this module then re-orders the first ``RERANK_DEPTH`` of them with rules readers expect:

1. a document whose number/symbol, or a procedure whose code, is the query (or starts with it:
   "68/2026" → 68/2026/QĐ-UBND) comes first;
2. the query's own spelling beats a folded near-match: "thủ tục" in a title ranks above "thu …
   tiếp tục" (SQLite's FTS5 tokenizer strips diacritics, so the database cannot tell them apart);
3. a match in the title beats one in the summary, which beats one in the body;
4. the backend's own order breaks ties.

Syndicated copies of one story (same title and date on several sites) collapse into one result that
lists the sites it also appears on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import strip_tags

from cms.models.legal import normalize_number
from sites.text import fold

RERANK_DEPTH = 100
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", strip_tags(text or "")).strip().lower()


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _contains_words(haystack_words: set[str], words: Iterable[str]) -> bool:
    return all(word in haystack_words for word in words)


@dataclass
class Scored:
    page: Any
    backend_rank: int
    score: float = 0.0
    also_on: list[Any] = field(default_factory=list)


def identifier_match(page: Any, query: str) -> int:
    """2: the number/code is the query; 1: it starts with the query or holds it whole; 0: neither."""
    key = normalize_number(query)
    if not key or not any(ch.isdigit() for ch in key):
        return 0
    for value in (getattr(page, "number", ""), getattr(page, "code", "")):
        if not value:
            continue
        candidate = normalize_number(str(value))
        folded_candidate, folded_key = fold(candidate), fold(key)
        if candidate == key or folded_candidate == folded_key:
            return 2
        if folded_candidate.startswith(folded_key) and (
            len(folded_candidate) == len(folded_key) or not folded_candidate[len(folded_key)].isalnum()
        ):
            return 1
    return 0


def text_score(query: str, title: str, summary: str, body: str) -> float:
    """Points for where the query's words are, with the reader's diacritics or folded."""
    exact_words = _words(query)
    if not exact_words:
        return 0.0
    folded_words = [fold(word) for word in exact_words]
    has_diacritics = exact_words != folded_words
    phrase, folded_phrase = " ".join(exact_words), " ".join(folded_words)
    score = 0.0
    exact_anywhere = False
    for text, weight in ((title, 6.0), (summary, 2.5), (body, 1.0)):
        if not text:
            continue
        norm = " ".join(_words(text))
        folded_norm = fold(norm)
        words, folded = set(norm.split()), set(folded_norm.split())
        if phrase in norm:
            score += 10 * weight
            exact_anywhere = True
        elif folded_phrase in folded_norm:
            score += (4 if has_diacritics else 10) * weight
        if _contains_words(words, exact_words):
            score += 4 * weight
            exact_anywhere = True
        elif _contains_words(folded, folded_words):
            score += (1.5 if has_diacritics else 4) * weight
        # Partial: the share of the query's words present with the reader's spelling.
        present = sum(1 for word in exact_words if word in words)
        score += weight * present / len(exact_words)
    if has_diacritics and not exact_anywhere:
        score -= 15  # only a folded near-match ("thu … tiếp tục" for "thủ tục")
    return score


def page_texts(page: Any, body_text: str) -> tuple[str, str, str]:
    title = page.title or ""
    number = getattr(page, "number", "")
    if number:
        title = f"{page.document_type} {number} {title}" if getattr(page, "document_type_id", None) else title
    summary = " ".join(
        str(value)
        for value in (getattr(page, "summary", ""), getattr(page, "search_description", ""))
        if value
    )
    return title, summary, body_text


def syndication_key(page: Any) -> tuple | None:
    """Copies of one story on several sites share type, title, date and lead. Only dated articles are
    compared: pages that merely share a title ("Giới thiệu" on every site) are not copies."""
    date = getattr(page, "date", None)
    if date is None:
        return None
    return (type(page).__name__, _norm(page.title), date, _norm(getattr(page, "summary", ""))[:300])


def rank(
    pages: Sequence[Any],
    query: str,
    body_text: Any,
    *,
    by_relevance: bool = True,
) -> list[Scored]:
    """Re-order ``pages`` (the backend's order) and fold syndicated copies into their best-ranked one."""
    scored = []
    for position, page in enumerate(pages):
        item = Scored(page=page, backend_rank=position)
        if by_relevance:
            title, summary, body = page_texts(page, body_text(page))
            identifier = identifier_match(page, query)
            item.score = identifier * 1000 + text_score(query, title, summary, body) - position * 0.01
        scored.append(item)
    if by_relevance:
        scored.sort(key=lambda item: (-item.score, item.backend_rank))
    kept: list[Scored] = []
    first_of: dict[tuple, Scored] = {}
    for item in scored:
        key = syndication_key(item.page)
        if key is not None and key in first_of:
            first_of[key].also_on.append(item.page)
            continue
        if key is not None:
            first_of[key] = item
        kept.append(item)
    return kept


class RankedResults(Sequence):
    """The re-ranked head of a backend's results, then the rest of them in the backend's order.

    Behaves like a list for Django's Paginator: ``len`` is the collapsed head plus the backend's
    remaining count, and slices beyond the head are fetched from the backend lazily.
    """

    def __init__(self, backend_results, query: str, body_text, *, by_relevance: bool = True, pinned=()):
        self.backend_results = backend_results
        head_pages = list(backend_results[:RERANK_DEPTH])
        pinned_ids = {page.pk for page in pinned}
        candidates = [*pinned, *(page for page in head_pages if page.pk not in pinned_ids)]
        self.head = rank(candidates, query, body_text, by_relevance=by_relevance)
        self.fetched = len(head_pages)
        self.tail_count = (
            max(0, backend_results.count() - self.fetched) if self.fetched == RERANK_DEPTH else 0
        )

    def __len__(self) -> int:
        return len(self.head) + self.tail_count

    def count(self) -> int:  # Paginator prefers .count() when it exists
        return len(self)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, _step = index.indices(len(self))
            items = self.head[start:stop]
            if stop > len(self.head):
                tail_start = max(0, start - len(self.head)) + self.fetched
                tail_stop = stop - len(self.head) + self.fetched
                items = items + [
                    Scored(page, self.fetched + n)
                    for n, page in enumerate(self.backend_results[tail_start:tail_stop])
                ]
            return items
        if index < 0:
            index += len(self)
        return self[index : index + 1][0]
