"""Wagtail's opensearch2 backend with Vietnamese analysis (see search/backends/vietnamese.py)."""

from modelsearch.backends.opensearch2 import (
    OpenSearch2AutocompleteQueryCompiler,
    OpenSearch2Index,
    OpenSearch2Mapping,
    OpenSearch2SearchBackend,
    OpenSearch2SearchQueryCompiler,
    OpenSearch2SearchResults,
)

from .vietnamese import (
    FacetSizeResultsMixin,
    RefreshOnWriteIndexMixin,
    TopHitsResultsMixin,
    VietnameseBackendMixin,
    VietnameseMappingMixin,
    VietnameseQueryCompilerMixin,
)


class VietnameseOpenSearch2Index(RefreshOnWriteIndexMixin, OpenSearch2Index):
    pass


class VietnameseOpenSearch2Mapping(VietnameseMappingMixin, OpenSearch2Mapping):
    pass


class VietnameseOpenSearch2SearchQueryCompiler(VietnameseQueryCompilerMixin, OpenSearch2SearchQueryCompiler):
    mapping_class = VietnameseOpenSearch2Mapping


class VietnameseOpenSearch2AutocompleteQueryCompiler(OpenSearch2AutocompleteQueryCompiler):
    mapping_class = VietnameseOpenSearch2Mapping


class VietnameseOpenSearch2SearchResults(
    FacetSizeResultsMixin, TopHitsResultsMixin, OpenSearch2SearchResults
):
    pass


class VietnameseOpenSearch2SearchBackend(VietnameseBackendMixin, OpenSearch2SearchBackend):
    mapping_class = VietnameseOpenSearch2Mapping
    index_class = VietnameseOpenSearch2Index
    query_compiler_class = VietnameseOpenSearch2SearchQueryCompiler
    autocomplete_query_compiler_class = VietnameseOpenSearch2AutocompleteQueryCompiler
    results_class = VietnameseOpenSearch2SearchResults


SearchBackend = VietnameseOpenSearch2SearchBackend
