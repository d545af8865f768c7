"""Wagtail's elasticsearch8 backend with Vietnamese analysis (see search/backends/vietnamese.py)."""

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8SearchResults,
)

from .vietnamese import (
    FacetSizeResultsMixin,
    RefreshOnWriteIndexMixin,
    TopHitsResultsMixin,
    VietnameseBackendMixin,
    VietnameseMappingMixin,
    VietnameseQueryCompilerMixin,
)


class VietnameseElasticsearch8Index(RefreshOnWriteIndexMixin, Elasticsearch8Index):
    pass


class VietnameseElasticsearch8Mapping(VietnameseMappingMixin, Elasticsearch8Mapping):
    pass


class VietnameseElasticsearch8SearchQueryCompiler(
    VietnameseQueryCompilerMixin, Elasticsearch8SearchQueryCompiler
):
    mapping_class = VietnameseElasticsearch8Mapping


class VietnameseElasticsearch8AutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = VietnameseElasticsearch8Mapping


class VietnameseElasticsearch8SearchResults(
    FacetSizeResultsMixin, TopHitsResultsMixin, Elasticsearch8SearchResults
):
    pass


class VietnameseElasticsearch8SearchBackend(VietnameseBackendMixin, Elasticsearch8SearchBackend):
    mapping_class = VietnameseElasticsearch8Mapping
    index_class = VietnameseElasticsearch8Index
    query_compiler_class = VietnameseElasticsearch8SearchQueryCompiler
    autocomplete_query_compiler_class = VietnameseElasticsearch8AutocompleteQueryCompiler
    results_class = VietnameseElasticsearch8SearchResults


SearchBackend = VietnameseElasticsearch8SearchBackend
