"""The public read-only API, /api/v1/ (R89, R123, R125).

On the portal's host (the default site, where unknown hosts land) every endpoint covers every site; on a
component site's host, that site only (its pages in every language). Anonymous GET only: no
authentication, no cookies, no write method. Each answer carries an ETag (a hash of its body) and a
Last-Modified (the last change to public content) and answers 304 to a matching conditional request;
answers are cached in the shared cache until content changes (opendata.signals).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db.models import DateTimeField, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Site

from cms.models import (
    AnnouncementPage,
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    LegalField,
    NewsCategory,
    NewsPage,
    ProcedurePage,
)
from cms.queries import SiteDirectory, in_site, is_portal_site, on_some_site, public_pages
from interaction.models import AnswerPage, ConsultationPage
from sites.models import Agency
from sites.public_urls import absolute_url

from . import filters
from . import serializers as api
from .cache import cache, last_change
from .pagination import PublicCursorPagination, TieBreakingOrderingFilter
from .throttling import PerAddressRateThrottle

BROWSER_CACHE_SECONDS = 60
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


ERRORS = {
    304: OpenApiResponse(description="Not modified since the ETag / date the client sent."),
    404: OpenApiResponse(ErrorSerializer, description="No such public item, or an invalid cursor."),
    429: OpenApiResponse(
        ErrorSerializer, description="Too many requests from this address; see Retry-After."
    ),
}
LIST_ERRORS = {**ERRORS, 400: OpenApiResponse(description="A filter value is malformed; the body names it.")}


class PublicAPIMixin:
    """Anonymous, read-only, JSON, throttled per address, conditional and cached."""

    authentication_classes: tuple = ()
    permission_classes = (AllowAny,)
    throttle_classes = (PerAddressRateThrottle,)
    renderer_classes = (JSONRenderer,)

    def cached_answer(self, request: HttpRequest) -> HttpResponse | None:
        """A stored answer to exactly this request on this host, if content has not changed since."""
        stored = cache.get(self.cache_key(request))
        if not stored:
            return None
        response = HttpResponse(stored["content"], content_type=stored["content_type"])
        for name, value in stored["headers"].items():
            response[name] = value
        return response

    def cache_key(self, request: HttpRequest) -> str:
        address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        return f"opendata:v1:{last_change()}:{address}"

    def finalize_response(self, request, response, *args, **kwargs) -> HttpResponseBase:
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if isinstance(response, Response):
            response.render()
        changed = last_change()
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["Last-Modified"] = http_date(changed)
            patch_cache_control(response, public=True, max_age=BROWSER_CACHE_SECONDS)
            cache.set(
                self.cache_key(request),
                {
                    "content": response.content,
                    "content_type": response["Content-Type"],
                    "headers": {
                        name: response[name]
                        for name in ("ETag", "Last-Modified", "Cache-Control", "Content-Disposition")
                        if response.has_header(name)
                    },
                },
                _cache_seconds(),
            )
        return (
            get_conditional_response(request, etag=response["ETag"], last_modified=changed, response=response)
            or response
        )


def _cache_seconds() -> int:
    from django.conf import settings

    return settings.CONG_API_CACHE_SECONDS


class PublicReadOnlyViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = PublicCursorPagination
    filter_backends = (DjangoFilterBackend, TieBreakingOrderingFilter)
    # At most 18 digits: any longer id is no row (and SQLite cannot even compare it: an OverflowError).
    lookup_value_regex = r"[0-9]{1,18}"

    def list(self, request, *args, **kwargs):
        return self.cached_answer(request) or super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.cached_answer(request) or super().retrieve(request, *args, **kwargs)


class PageViewSet(PublicReadOnlyViewSet):
    """Live, unrestricted pages of one type, of this host's site (or of every site on the portal)."""

    model: type = NewsPage
    ordering = ("-modified",)
    ordering_fields = ("modified", "title")
    related: tuple[str, ...] = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator only wants the model
            return self.model.objects.none()
        site = Site.find_for_request(self.request)
        queryset = public_pages(self.model)
        queryset = on_some_site(queryset, self.directory) if is_portal_site(site) else in_site(queryset, site)
        return queryset.select_related("locale", *self.related).annotate(
            modified=Coalesce(
                "last_published_at", "first_published_at", Value(EPOCH), output_field=DateTimeField()
            )
        )

    @property
    def directory(self) -> SiteDirectory:
        if not hasattr(self, "_directory"):
            self._directory = SiteDirectory()
        return self._directory

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "directory": self.directory}

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            self.directory.load(page)  # every item's site in three queries, not three per site
        return page


def _with_errors(viewset, errors_list=LIST_ERRORS, errors_detail=ERRORS):
    """Document the error answers next to each endpoint's own 200 schema."""
    serializer = viewset.serializer_class
    tag = viewset.schema_tag
    return extend_schema_view(
        list=extend_schema(tags=[tag], responses={200: serializer(many=True), **errors_list}),
        retrieve=extend_schema(tags=[tag], responses={200: serializer, **errors_detail}),
    )(viewset)


class LegalDocumentViewSet(PageViewSet):
    """Legal documents (văn bản, R22) with every metadata field, status, files and relations."""

    model = LegalDocumentPage
    schema_tag = "legal documents"
    serializer_class = api.LegalDocumentSerializer
    filterset_class = filters.LegalDocumentFilterSet
    ordering_fields = ("modified", "title", "issued_on", "number")
    related = ("document_type", "issuer")


class ProcedureViewSet(PageViewSet):
    """Administrative procedures (thủ tục hành chính, R30) with every Decree 63 component."""

    model = ProcedurePage
    schema_tag = "procedures"
    serializer_class = api.ProcedureSerializer
    filterset_class = filters.ProcedureFilterSet
    ordering_fields = ("modified", "title", "code")
    related = ("field",)


class NewsViewSet(PageViewSet):
    """News and events (R20); on the portal, every site's news (filter on_portal for the portal's list)."""

    model = NewsPage
    schema_tag = "news"
    serializer_class = api.NewsSerializer
    filterset_class = filters.NewsFilterSet
    ordering_fields = ("modified", "title", "date")
    related = ("featured_image",)


class AnnouncementViewSet(PageViewSet):
    """Announcements (thông báo)."""

    model = AnnouncementPage
    schema_tag = "announcements"
    serializer_class = api.AnnouncementSerializer
    filterset_class = filters.AnnouncementFilterSet
    ordering_fields = ("modified", "title", "date")


class AnswerViewSet(PageViewSet):
    """Published answers to citizens' questions and petitions (R57–R63); no asker data."""

    model = AnswerPage
    schema_tag = "answers"
    serializer_class = api.AnswerSerializer
    filterset_class = filters.AnswerFilterSet
    ordering_fields = ("modified", "title", "answered_at")
    related = ("field",)


class ConsultationViewSet(PageViewSet):
    """Draft documents put out for public comment (R66–R68)."""

    model = ConsultationPage
    schema_tag = "consultations"
    serializer_class = api.ConsultationSerializer
    filterset_class = filters.ConsultationFilterSet
    ordering_fields = ("modified", "title", "opens_at", "closes_at")
    related = ("draft_document", "explanation_document")


class AgencyViewSet(PublicReadOnlyViewSet):
    """The agency registry: the province, departments, units, communes and wards, with their sites."""

    schema_tag = "agencies"
    serializer_class = api.AgencySerializer
    filterset_class = filters.AgencyFilterSet
    queryset = Agency.objects.select_related("site", "site__root_page")
    ordering = ("kind", "name")
    ordering_fields = ("name", "kind", "updated_at", "id")


class VocabularyViewSet(PublicReadOnlyViewSet):
    ordering = ("sort_order", "name")
    ordering_fields = ("name", "id")


class DocumentTypeViewSet(VocabularyViewSet):
    schema_tag = "vocabularies"
    serializer_class = api.DocumentTypeSerializer
    queryset = DocumentType.objects.all()


class IssuingAuthorityViewSet(VocabularyViewSet):
    schema_tag = "vocabularies"
    serializer_class = api.IssuingAuthoritySerializer
    queryset = IssuingAuthority.objects.all()


class LegalFieldViewSet(VocabularyViewSet):
    schema_tag = "vocabularies"
    serializer_class = api.LegalFieldSerializer
    queryset = LegalField.objects.all()


class NewsCategoryViewSet(VocabularyViewSet):
    schema_tag = "vocabularies"
    serializer_class = api.NewsCategorySerializer
    queryset = NewsCategory.objects.select_related("site")
    ordering = ("name", "id")


for _viewset in (
    LegalDocumentViewSet,
    ProcedureViewSet,
    NewsViewSet,
    AnnouncementViewSet,
    AnswerViewSet,
    ConsultationViewSet,
    AgencyViewSet,
    DocumentTypeViewSet,
    IssuingAuthorityViewSet,
    LegalFieldViewSet,
    NewsCategoryViewSet,
):
    _with_errors(_viewset)


class APIRootView(PublicAPIMixin, APIView):
    """Where everything is: the endpoints, the exports and the OpenAPI description."""

    ENDPOINTS = (
        "legal-documents",
        "procedures",
        "news",
        "announcements",
        "answers",
        "consultations",
        "agencies",
        "document-types",
        "issuing-authorities",
        "legal-fields",
        "news-categories",
    )

    @extend_schema(
        tags=["index"],
        responses={
            200: inline_serializer("Index", {name: serializers.CharField() for name in ("schema", "docs")}),
            **ERRORS,
        },
    )
    def get(self, request):
        names = {name: f"opendata:{name}-list" for name in self.ENDPOINTS}
        names.update(
            schema="opendata:schema",
            docs="opendata:docs",
            export_legal_documents_csv="opendata:export-legal-documents-csv",
            export_procedures_csv="opendata:export-procedures-csv",
        )
        return Response({key: absolute_url(request, reverse(name)) for key, name in names.items()})
