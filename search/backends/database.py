"""Wagtail's database search backend with Vietnamese diacritic folding (the embedded default).

SQLite FTS5 and PostgreSQL full-text search do not fold Vietnamese (``ha noi`` misses ``Hà Nội``).
Every indexed value is stored followed by its folded form, and a query with diacritics searches
for ``(its words) OR (its folded words)``, so a folded query finds accented text and a match with
the user's own diacritics scores on both halves and ranks first.
"""

from __future__ import annotations

import time
from functools import cache

from django.db import connection, models
from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.index import RelatedFields
from modelsearch.query import MATCH_NONE, Or, PlainText

from sites.text import fold

from ..text import with_folded
from .announce import AnnounceWritesMixin


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
def _ranked_once_compiler(base: type) -> type:
    """SQLite: score the full-text matches in one pass instead of once per candidate row.

    modelsearch orders by relevance with a correlated subquery that re-runs the FTS5 MATCH for every
    row of the filtered queryset, which at 20,000 documents takes minutes. Here a page of results runs
    the MATCH once (ids and bm25 scores), intersects the ids with the caller's queryset (its filters,
    live/public, site, locale) in one query, sorts in Python and loads only the page's objects. Counts
    and facets skip scoring altogether.
    """
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    IndexEntry = SQLiteFTSIndexEntry._meta.get_field("index_entry").related_model

    class RankedOnceSQLiteQueryCompiler(base):
        def _entries(self, match):
            """The matching index entries of this model, with the MATCH run once: filtering the content
            type in the same query lets SQLite drive from the content-type index and re-run the MATCH for
            every entry (seconds at 20,000 documents)."""
            return IndexEntry.objects.filter(
                pk__in=SQLiteFTSIndexEntry.objects.filter(match).values("pk"),
                content_type__in=get_descendants_content_types_pks(self.queryset.model),
            )

        def search(self, config, start, stop, score_field=None):
            query = normalize(self.query)
            if isinstance(query, (MatchAll, Not)):
                return super().search(config, start, stop, score_field)
            match = MatchExpression(
                self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
            )
            object_ids = self._entries(match).values("object_id")
            if not self.order_by_relevance or stop is None:
                # A count, a facet, or an explicit order: no scores needed.
                queryset = self.queryset.filter(pk__in=object_ids)
                if not self.order_by_relevance and not queryset.query.order_by:
                    queryset = queryset.order_by("-pk")  # stable pages, as modelsearch does
                return queryset[start:stop]
            # The FTS table drives (its only constraint is the MATCH): one pass, bm25 per match; the
            # content type is checked here, not in SQL, so SQLite cannot pick another plan.
            content_types = set(get_descendants_content_types_pks(self.queryset.model))
            scores: dict[int | str, float] = {}
            for object_id, content_type, score in (
                SQLiteFTSIndexEntry.objects.filter(match)
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                .values_list("index_entry__object_id", "index_entry__content_type_id", "score")
            ):
                if content_type in content_types:
                    pk = int(object_id) if object_id.isdigit() else object_id  # integer pks compare as such
                    scores[pk] = min(score, scores.get(pk, score))
            ranked = sorted(scores, key=lambda pk: (scores[pk], -pk if isinstance(pk, int) else 0))
            # The caller's filters (live, site, locale, facets) in growing batches of the best-scored
            # ids, not over every match: the first page rarely needs more than one batch.
            allowed: list[int | str] = []
            position, batch = 0, max(100, 2 * stop)
            while len(allowed) < stop and position < len(ranked):
                chunk = ranked[position : position + batch]
                kept = set(self.queryset.order_by().filter(pk__in=chunk).values_list("pk", flat=True))
                allowed.extend(pk for pk in chunk if pk in kept)
                position += len(chunk)
                batch = min(batch * 4, 5000)  # stays under SQLite's bound on query parameters
            page = allowed[start:stop]
            objects = {obj.pk: obj for obj in self.queryset.order_by().filter(pk__in=page)}
            results = []
            for pk in page:
                if pk in objects:
                    if score_field:
                        setattr(objects[pk], score_field, scores.get(pk, 0.0))
                    results.append(objects[pk])
            return results

    RankedOnceSQLiteQueryCompiler.__name__ = f"RankedOnce{base.__name__}"
    return RankedOnceSQLiteQueryCompiler


# How long a process keeps the average title length it normalises new entries with.
TITLE_AVERAGE_SECONDS = 600.0
_title_average: dict[str, tuple[float, float]] = {}  # database alias → (average, when computed)


@cache
def _steady_norms_index(base: type) -> type:
    """modelsearch's PostgreSQL index refreshes its title norms (average title length / this title's
    length) after every write by averaging the length of every entry's title and then scanning the
    table for the new rows: two full scans per indexed object, each publish slower as the corpus grows
    (122 ms of the 1.0 s a new site took at 3,833 sites; a 20,000-document import quadratic). The
    average barely moves from one document to the next: it is recomputed at most every
    TITLE_AVERAGE_SECONDS, and only the rows just written are normalised. A rebuild (``full``) still
    rewrites every row with a fresh average."""
    from django.db.models import F
    from django.db.models.functions import Length
    from modelsearch.utils import get_content_type_pk

    class SteadyNormsIndex(base):
        written: tuple[int, list[str]] | None = None

        def add_items(self, model, objs):
            objs = list(objs)
            self.written = (get_content_type_pk(model), [str(obj.pk) for obj in objs])
            try:
                super().add_items(model, objs)
            finally:
                self.written = None

        def _refresh_title_norms(self, full=False):
            if full or self.written is None:
                _title_average.pop(self.write_connection.alias, None)
                return super()._refresh_title_norms(full=full)
            average = self._title_average()
            if average is None:
                return None
            content_type, object_ids = self.written
            self.entries.filter(content_type_id=content_type, object_id__in=object_ids).annotate(
                title_length=Length("title")
            ).filter(title_length__gt=0).update(title_norm=average / F("title_length"))
            return None

        def _title_average(self) -> float | None:
            alias = self.write_connection.alias
            kept = _title_average.get(alias)
            if kept is not None and time.monotonic() - kept[1] < TITLE_AVERAGE_SECONDS:
                return kept[0]
            average = (
                self.entries.annotate(title_length=Length("title"))
                .filter(title_length__gt=0)
                .aggregate(average=models.Avg("title_length"))["average"]
            )
            if average is not None:
                _title_average[alias] = (average, time.monotonic())
            return average

    SteadyNormsIndex.__name__ = f"SteadyNorms{base.__name__}"
    return SteadyNormsIndex


@cache
def _folding_search(base: type) -> type:
    class FoldingSearchBackend(AnnounceWritesMixin, base):
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


def SearchBackend(params):  # the name Wagtail looks up in a backend module
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
    if connection.vendor == "postgresql":
        backend.index_class = _steady_norms_index(backend.index_class)
    if connection.vendor == "sqlite":
        backend.query_compiler_class = _ranked_once_compiler(backend.query_compiler_class)
    return backend
