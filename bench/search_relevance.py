"""Search relevance benchmark: the relevance test set over the demo, on the database backend and the
search node, one table with each query's rank and the figures (precision at 1, mean reciprocal rank).

    make demo                                   # once, or any database holding the demo
    python bench/search_relevance.py            # the dev SQLite demo (DATABASE_URL), database backend
    python bench/search_relevance.py --targets database,node   # also the search node (SEARCH_URL)

The search node target indexes the demo under the prefix ``cong_relevance_`` first (update_index).
The queries and expected first results are those of tests/search/relevance_cases.py.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", default="database", help="database, node or both (comma-separated)")
    parser.add_argument("--host", default="camau.localhost", help="the portal's host name")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    from tests.search.relevance_cases import evaluate, figures, result_lines

    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    settings.ALLOWED_HOSTS = ["*"]
    results = {}
    for target in targets:
        if target == "database":
            backends = {"default": {"BACKEND": "search.backends.database"}}
        elif target == "node":
            if not settings.SEARCH_URL:
                print("node: SEARCH_URL is not set; skipped", file=sys.stderr)
                continue
            backends = {
                "default": {
                    **settings.WAGTAILSEARCH_BACKENDS["default"],
                    "INDEX_PREFIX": "cong_relevance_",
                }
            }
        else:
            print(f"unknown target {target!r}", file=sys.stderr)
            return 2
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            if target == "node":
                started = time.perf_counter()
                call_command("update_index", stdout=io.StringIO())
                print(f"node: demo indexed in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            client = Client(HTTP_HOST=args.host)
            timings = []

            def search(query: str, client=client, timings=timings) -> list[str]:
                started = time.perf_counter()
                response = client.get("/search/", {"q": query})
                timings.append(time.perf_counter() - started)
                return result_lines(response.content.decode())

            outcomes = evaluate(search)
            results[target] = (outcomes, figures(outcomes), timings)

    if not results:
        return 1
    names = list(results)
    first = results[names[0]][0]
    width = max(len(case.query) for case, _r, _l in first) + 2
    print(f"{'query':<{width}}{'expected':<22}{'k':>3}" + "".join(f"{name:>12}" for name in names))
    for n, (case, _rank, _lines) in enumerate(first):
        cells = []
        for name in names:
            rank = results[name][0][n][1]
            mark = "" if rank is not None and rank <= case.k else " ✗"
            cells.append(f"{(str(rank) if rank else '–') + mark:>12}")
        print(f"{case.query:<{width}}{case.expected[:20]:<22}{case.k:>3}" + "".join(cells))
    print()
    for name in names:
        _outcomes, figure, timings = results[name]
        print(
            f"{name}: {figure['passed']}/{figure['cases']} within k, precision@1 {figure['precision_at_1']:.2f}, "
            f"MRR {figure['mrr']:.3f}, median query {sorted(timings)[len(timings) // 2] * 1000:.0f} ms"
        )
    return 0 if all(fig["passed"] == fig["cases"] for _o, fig, _t in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
