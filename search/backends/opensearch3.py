"""Wagtail's opensearch3 backend with Vietnamese analysis (see search/backends/vietnamese.py)."""

from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Index,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
    OpenSearch3SearchResults,
)

from .vietnamese import (
    FacetSizeResultsMixin,
    RefreshOnWriteIndexMixin,
    TopHitsResultsMixin,
    VietnameseBackendMixin,
    VietnameseMappingMixin,
    VietnameseQueryCompilerMixin,
)


class VietnameseOpenSearch3Index(RefreshOnWriteIndexMixin, OpenSearch3Index):
    pass


class VietnameseOpenSearch3Mapping(VietnameseMappingMixin, OpenSearch3Mapping):
    pass


class VietnameseOpenSearch3SearchQueryCompiler(VietnameseQueryCompilerMixin, OpenSearch3SearchQueryCompiler):
    mapping_class = VietnameseOpenSearch3Mapping


class VietnameseOpenSearch3AutocompleteQueryCompiler(OpenSearch3AutocompleteQueryCompiler):
    mapping_class = VietnameseOpenSearch3Mapping


class VietnameseOpenSearch3SearchResults(
    FacetSizeResultsMixin, TopHitsResultsMixin, OpenSearch3SearchResults
):
    pass


class VietnameseOpenSearch3SearchBackend(VietnameseBackendMixin, OpenSearch3SearchBackend):
    mapping_class = VietnameseOpenSearch3Mapping
    index_class = VietnameseOpenSearch3Index
    query_compiler_class = VietnameseOpenSearch3SearchQueryCompiler
    autocomplete_query_compiler_class = VietnameseOpenSearch3AutocompleteQueryCompiler
    results_class = VietnameseOpenSearch3SearchResults


SearchBackend = VietnameseOpenSearch3SearchBackend
