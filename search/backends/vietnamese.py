"""Vietnamese index settings and query shape for Elasticsearch/OpenSearch (R81, R82).

* Every text field is analysed by ``vi_folded``: standard tokenizer, lowercase, asciifolding with
  ``preserve_original`` (no ICU plugin needed), so ``ha noi`` and ``Hà Nội`` both match ``Hà Nội``
  and ``đ`` folds to ``d``.
* Every text field has an ``exact`` sub-field analysed without folding; the query adds a boosted
  clause on it, so a match with the user's own diacritics ranks above a folded near-match.
* Search fields declared with ``vi_identifier=True`` (document number/symbol, procedure code) get a
  ``keyword`` sub-field normalised by case and diacritics: the whole number (``68/2026/QĐ-UBND``,
  ``68/2026/qd-ubnd``) matches it exactly and wins; its parts (``68/2026``, ``QĐ-UBND``) match as
  a phrase on the tokenised field.
"""

from __future__ import annotations

import re
from copy import deepcopy

from modelsearch.index import SearchField, get_indexed_models
from modelsearch.query import PlainText

from sites.text import fold

from ..reconcile import RecordFailuresMixin
from .announce import AnnounceWritesMixin

EXACT_BOOST = 2.0
PHRASE_BOOST = 3.0
IDENTIFIER_PHRASE_BOOST = 20.0
IDENTIFIER_EXACT_BOOST = 200.0
# Short queries need every word; longer ones most of them (a typo or a filler word still finds).
MINIMUM_SHOULD_MATCH = "3<80%"
_IDENTIFIER_LIKE = re.compile(r"\d")

VIETNAMESE_ANALYSIS = {
    "analyzer": {
        "vi_folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "vi_asciifolding"],
        },
        "vi_exact": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
    },
    "filter": {"vi_asciifolding": {"type": "asciifolding", "preserve_original": True}},
    "normalizer": {
        "vi_identifier": {"type": "custom", "filter": ["lowercase", "asciifolding"]},
    },
}


def vietnamese_index_settings(settings: dict) -> dict:
    settings = deepcopy(settings)
    analysis = settings.setdefault("settings", {}).setdefault("analysis", {})
    for section, entries in VIETNAMESE_ANALYSIS.items():
        analysis.setdefault(section, {}).update(deepcopy(entries))
    return settings


class VietnameseMappingMixin:
    """Folded analysis plus an unfolded ``exact`` sub-field on every text field."""

    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if isinstance(field, SearchField) and field.kwargs.get("vi_identifier"):
            mapping.setdefault("fields", {})["keyword"] = {
                "type": "keyword",
                "normalizer": "vi_identifier",
                "ignore_above": 256,
            }
        return name, mapping

    def get_mapping(self):
        mapping = super().get_mapping()
        self._add_vietnamese(mapping["properties"])
        return mapping

    def _add_vietnamese(self, properties: dict) -> None:
        for mapping in properties.values():
            if mapping.get("type") == "nested":
                self._add_vietnamese(mapping["properties"])
            elif mapping.get("type") == "text" and "analyzer" not in mapping:
                mapping["analyzer"] = "vi_folded"
                mapping.setdefault("fields", {})["exact"] = {"type": "text", "analyzer": "vi_exact"}


class VietnameseQueryCompilerMixin:
    """Plain-text queries: folded match + exact-diacritics boost + phrase boost + identifier boosts."""

    def _identifier_columns(self) -> list[str]:
        columns = []
        for model in get_indexed_models():
            if not issubclass(model, self.queryset.model):
                continue
            mapping = self.mapping_class(model)
            for field in model.get_search_fields():
                if isinstance(field, SearchField) and field.kwargs.get("vi_identifier"):
                    column = mapping.get_field_column_name(field)
                    if column not in columns:
                        columns.append(column)
        return columns

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        if not isinstance(query, PlainText):
            return super()._compile_plaintext_query(query, fields, boost)
        text = query.query_string
        names = [field.field_name_with_boost for field in fields]
        exact_names = [f"{field.field_name}.exact^{field.boost * EXACT_BOOST}" for field in fields]
        main = {
            "multi_match": {
                "query": text,
                "fields": names,
                "type": "most_fields",
                "operator": query.operator,
            }
        }
        if query.operator == "or":
            main["multi_match"]["minimum_should_match"] = MINIMUM_SHOULD_MATCH
        should: list[dict] = [
            {"multi_match": {"query": text, "fields": exact_names, "type": "most_fields"}},
            {"multi_match": {"query": text, "fields": names, "type": "phrase", "boost": PHRASE_BOOST}},
        ]
        identifier_columns = self._identifier_columns() if _IDENTIFIER_LIKE.search(text) else []
        for column in identifier_columns:
            should.append({"match": {f"{column}.keyword": {"query": text, "boost": IDENTIFIER_EXACT_BOOST}}})
            should.append({"match_phrase": {column: {"query": text, "boost": IDENTIFIER_PHRASE_BOOST}}})
        compiled: dict = {"bool": {"must": [main], "should": should}}
        if identifier_columns:
            # A number typed on its own ("68/2026") must find its document even when the folded
            # words alone would be too few for minimum_should_match.
            compiled = {
                "bool": {
                    "should": [
                        compiled,
                        *[
                            {"match_phrase": {column: {"query": text, "boost": IDENTIFIER_PHRASE_BOOST}}}
                            for column in identifier_columns
                        ],
                    ],
                    "minimum_should_match": 1,
                }
            }
        if boost != 1.0:
            compiled["bool"]["boost"] = boost
        return compiled


class FacetSizeResultsMixin:
    """Facets count up to FACET_SIZE values (Wagtail asks for Elasticsearch's default of 10; the portal
    has 80 agencies and dozens of issuing authorities)."""

    FACET_SIZE = 100

    def facet(self, field_name):
        from collections import OrderedDict

        from modelsearch.backends.base import FilterFieldError

        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}".', field_name=field_name
            )
        body = self._get_es_body()
        column = self.query_compiler.mapping.get_field_column_name(field)
        body["aggregations"] = {
            field_name: {"terms": {"field": column, "missing": 0, "size": self.FACET_SIZE}}
        }
        index = self.backend.get_index_for_model(self.query_compiler.queryset.model).name
        response = self._backend_do_search(body, index=index, size=0)
        return OrderedDict(
            (bucket["key"] if bucket["key"] != 0 else None, bucket["doc_count"])
            for bucket in response["aggregations"][field_name]["buckets"]
        )


# The ranking bonuses (the user's own diacritics, exact word order) are computed for the best hits
# only: the search page re-ranks its first 100 anyway. On a 100,000-document index, scoring them for
# every one of 80,000 matches of a broad query was three quarters of its time (node: 90 ms with both,
# 16 ms without).
RESCORE_WINDOW = 100


def _is_rank_bonus(clause: dict) -> bool:
    """The exact-diacritics and phrase clauses built by ``_compile_plaintext_query``."""
    multi_match = clause.get("multi_match")
    if not isinstance(multi_match, dict):
        return False
    if multi_match.get("type") == "phrase":
        return True
    fields = multi_match.get("fields") or []
    return bool(fields) and all(field.split("^")[0].endswith(".exact") for field in fields)


def _take_rank_bonuses(query: dict) -> list[dict]:
    """Remove the optional ranking bonuses (``should`` beside a ``must``) from ``query``, in place, and
    return them. Required alternatives (a number typed alone) and the identifier boosts stay."""
    taken: list[dict] = []
    if not isinstance(query, dict):
        return taken
    for key, value in query.items():
        if (
            key == "bool"
            and isinstance(value, dict)
            and "must" in value
            and isinstance(value.get("should"), list)
        ):
            kept = []
            for clause in value["should"]:
                (taken if _is_rank_bonus(clause) else kept).append(clause)
            value["should"] = kept
        if isinstance(value, dict):
            taken += _take_rank_bonuses(value)
        elif isinstance(value, list):
            for item in value:
                taken += _take_rank_bonuses(item)
    return taken


class TopHitsResultsMixin:
    """A page of hits does not count every match: Wagtail counts with the count API (its own call),
    and without an exact total the node can skip documents that cannot reach the top of the page
    (block-max WAND) instead of scoring every one of tens of thousands of matches. In relevance order,
    the ranking bonuses are a rescore of the first RESCORE_WINDOW hits (or more, for a later page),
    which adds the same score to them as the clauses did."""

    def _backend_do_search(self, body, **kwargs):
        size = kwargs.get("size")
        if size and "scroll" not in kwargs and "aggregations" not in body:
            body = {**body, "track_total_hits": False}  # a scroll must track the total
            if "sort" not in body:  # a rescore needs relevance order
                query = deepcopy(body["query"])
                bonuses = _take_rank_bonuses(query)
                if bonuses:
                    window = max(RESCORE_WINDOW, kwargs.get("from_", 0) + size)
                    body["query"] = query
                    body["rescore"] = {
                        "window_size": window,
                        "query": {"rescore_query": {"bool": {"should": bonuses}}},
                    }
        return super()._backend_do_search(body, **kwargs)


class RefreshOnWriteIndexMixin:
    """A single published or unpublished page is searchable (or gone) at once, not at the node's next
    periodic refresh: publish → findable within the request that published. Bulk indexing
    (update_index, add_items) keeps the node's own refresh cycle."""

    def add_item(self, item):
        super().add_item(item)
        self.refresh()

    def delete_item(self, item):
        super().delete_item(item)
        self.refresh()


class VietnameseBackendMixin(AnnounceWritesMixin, RecordFailuresMixin):
    def __init__(self, params):
        super().__init__(params)
        self.settings = vietnamese_index_settings(self.settings)


__all__ = [
    "RefreshOnWriteIndexMixin",
    "TopHitsResultsMixin",
    "VietnameseBackendMixin",
    "VietnameseMappingMixin",
    "VietnameseQueryCompilerMixin",
    "fold",
]
