"""The relevance test set (R81, R82): queries a citizen types and the result that must come first
(or within the first ``k``). Used by tests/search/test_relevance.py on both backends and by
bench/search_relevance.py over the demo, which prints the figures (precision at 1, mean reciprocal rank).

Each expected result is matched by a piece of its result line (document type + number + title, or the
title); the corpus of the test and the demo both hold these items.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    query: str
    expected: str  # a piece of the expected result's line
    k: int = 1  # it must rank at or above this position
    note: str = ""


CASES = [
    Case("68/2026", "68/2026/QĐ-UBND", note="number alone, the issue's example"),
    Case("68/2026/QĐ-UBND", "68/2026/QĐ-UBND", note="full number"),
    Case("68/2026/qd-ubnd", "68/2026/QĐ-UBND", note="number without diacritics, lower case"),
    Case("123/2015", "123/2015/NĐ-CP", note="decree number"),
    Case("1.001193", "Đăng ký khai sinh", note="procedure code"),
    Case("đăng ký khai sinh", "Đăng ký khai sinh", note="procedure name"),
    Case("dang ky khai sinh", "Đăng ký khai sinh", note="procedure name, no diacritics"),
    Case("thủ tục", "thủ tục hành chính", note="exact diacritics above a folded match"),
    Case("thu tuc hanh chinh", "thủ tục hành chính", k=3, note="no diacritics"),
    Case("luật hộ tịch", "60/2014/QH13", note="law by name"),
    Case("luat ho tich", "60/2014/QH13", note="law by name, no diacritics"),
    Case("Sở Tài chính", "Sở Tài chính", k=3, note="agency name"),
    Case("giấy phép xây dựng", "giấy phép xây dựng", k=2, note="procedure by its subject"),
    Case("quy chế cổng thông tin điện tử", "68/2026/QĐ-UBND", k=3, note="title words"),
]

_RESULT = re.compile(r'<li>\s*<a href="[^"]+">([^<]+)</a>')


def result_lines(html: str) -> list[str]:
    """The result lines of a search page, in order."""
    listing = html[html.index('class="search-results"') :] if 'class="search-results"' in html else ""
    return [" ".join(line.split()) for line in _RESULT.findall(listing)]


def rank_of(lines: list[str], expected: str) -> int | None:
    needle = expected.casefold()
    return next((n for n, line in enumerate(lines, start=1) if needle in line.casefold()), None)


def evaluate(search: Callable[[str], list[str]]) -> list[tuple[Case, int | None, list[str]]]:
    """Run every case through ``search`` (query → result lines); each case with the rank it got."""
    outcomes = []
    for case in CASES:
        lines = search(case.query)
        outcomes.append((case, rank_of(lines, case.expected), lines))
    return outcomes


def figures(outcomes) -> dict[str, float]:
    ranks = [rank for _case, rank, _lines in outcomes]
    return {
        "cases": len(ranks),
        "passed": sum(1 for (case, rank, _l) in outcomes if rank is not None and rank <= case.k),
        "precision_at_1": sum(1 for rank in ranks if rank == 1) / len(ranks),
        "mrr": sum(1 / rank for rank in ranks if rank) / len(ranks),
    }
