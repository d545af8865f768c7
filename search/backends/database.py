"""Wagtail's database search backend with Vietnamese diacritic folding (the embedded default).

SQLite FTS5 and PostgreSQL full-text search do not fold Vietnamese (``ha noi`` misses ``Hà Nội``).
Every indexed value is stored followed by its folded form, and a query with diacritics searches
for ``(its words) OR (its folded words)``, so a folded query finds accented text and a match with
the user's own diacritics scores on both halves and ranks first.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.index import RelatedFields
from modelsearch.query import MATCH_NONE, Or, PlainText

from sites.text import fold

from ..text import with_folded


@cache
def _folding_indexer(base: type) -> type:
    class FoldingObjectIndexer(base):
        def prepare_field(self, obj, field):
            for *head, value in super().prepare_field(obj, field):
                # RelatedFields recurse through this method, so their values are folded already.
                yield (*head, value if isinstance(field, RelatedFields) else with_folded(value))

    FoldingObjectIndexer.__name__ = f"Folding{base.__name__}"
    return FoldingObjectIndexer


@cache
def _folding_search(base: type) -> type:
    class FoldingSearchBackend(base):
        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            if isinstance(query, str) and '"' in query:
                # A stray double quote is FTS5 phrase syntax and makes SQLite raise; words only.
                query = query.replace('"', " ").strip() or MATCH_NONE
            if isinstance(query, str) and query.strip():
                operator = kwargs.pop("operator", None) or query_compiler_class.DEFAULT_OPERATOR
                operator = operator.lower()
                folded = fold(query)
                if folded != query.lower():
                    query = Or([PlainText(query, operator=operator), PlainText(folded, operator=operator)])
                else:
                    query = PlainText(query, operator=operator)
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    FoldingSearchBackend.__name__ = f"Folding{base.__name__}"
    return FoldingSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = vendor_backend(params)
    module = __import__(type(backend).__module__, fromlist=["ObjectIndexer"])
    indexer = getattr(module, "ObjectIndexer", None)
    if indexer is None or connection.vendor not in {"sqlite", "postgresql", "mysql"}:
        return backend  # the no-FTS fallback filters with icontains: nothing to fold into
    if not getattr(indexer, "_cong_folding", False):
        # The vendor index classes look ObjectIndexer up in their module; the folding subclass
        # replaces it there (once), which is the only extension point modelsearch offers for it.
        folding = _folding_indexer(indexer)
        folding._cong_folding = True
        module.ObjectIndexer = folding
    backend.__class__ = _folding_search(type(backend))
    return backend
