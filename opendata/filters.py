"""Query filters of the public API (django-filter; drf-spectacular describes them in the schema).

Ids of related objects are plain integer filters: an unknown id gives an empty list, not an error.
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field
from wagtail.models import Site

from cms.models import AnnouncementPage, LegalDocumentPage, NewsPage, ProcedurePage
from cms.queries import site_condition
from interaction.models import AnswerPage, ConsultationPage
from sites.models import Agency

LOCALE_CHOICES = [(code, name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES]


ID_RANGE = (-(2**63), 2**63 - 1)


@extend_schema_field({"type": "integer", "format": "int64", "minimum": ID_RANGE[0], "maximum": ID_RANGE[1]})
class IdFilter(django_filters.NumberFilter):
    """A whole number the database can hold (SQLite refused 10**25 with an OverflowError: a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", ID_RANGE[0])
        kwargs.setdefault("max_value", ID_RANGE[1])
        super().__init__(*args, **kwargs)


class UTCDateTimeField(IsoDateTimeField):
    """ISO 8601 with any offset, handed to the database in UTC (PostgreSQL refuses offsets beyond
    ±15:59, which ISO allows up to ±23:59); a time no calendar can hold is a 400, not a 500."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(dt.UTC)
        except (OverflowError, ValueError) as error:
            raise forms.ValidationError(_("This date and time is out of range.")) from error


class ModifiedSinceFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class PageFilterSet(django_filters.FilterSet):
    """What every page endpoint filters on."""

    locale = django_filters.ChoiceFilter(
        field_name="locale__language_code", choices=LOCALE_CHOICES, help_text=_("Language version.")
    )
    agency = IdFilter(method="filter_agency", help_text=_("Only the pages of this agency's site."))
    modified_since = ModifiedSinceFilter(
        field_name="modified",
        lookup_expr="gte",
        help_text=_("Only items published or republished at or after this time (ISO 8601)."),
    )

    def filter_agency(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        site = Site.objects.filter(agency__pk=value).select_related("root_page").first()
        if site is None:
            return queryset.none()
        return queryset.filter(site_condition(site))


class LegalDocumentFilterSet(PageFilterSet):
    type = IdFilter(field_name="document_type", help_text=_("Document type id."))
    issuer = IdFilter(field_name="issuer", help_text=_("Issuing authority id."))
    field = IdFilter(field_name="fields", distinct=True, help_text=_("Field (lĩnh vực) id."))
    status = django_filters.ChoiceFilter(choices=LegalDocumentPage.Status.choices)
    number = django_filters.CharFilter(
        method="filter_number", help_text=_("Number and symbol, whole or a part: 68/2026, QĐ-UBND.")
    )
    year = IdFilter(field_name="issued_year", help_text=_("Year of issue."))
    issued_from = django_filters.DateFilter(field_name="issued_on", lookup_expr="gte")
    issued_to = django_filters.DateFilter(field_name="issued_on", lookup_expr="lte")
    effective_from = django_filters.DateFilter(field_name="effective_on", lookup_expr="gte")
    effective_to = django_filters.DateFilter(field_name="effective_on", lookup_expr="lte")

    class Meta:
        model = LegalDocumentPage
        fields: list[str] = []

    def filter_number(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        from cms.models.legal import normalize_number

        return queryset.filter(number_key__contains=normalize_number(value))


class ProcedureFilterSet(PageFilterSet):
    field = IdFilter(field_name="field", help_text=_("Field (lĩnh vực) id."))
    code = django_filters.CharFilter(field_name="code", lookup_expr="iexact")
    level = django_filters.ChoiceFilter(
        field_name="administrative_level", choices=ProcedurePage.Level.choices
    )
    service_level = django_filters.ChoiceFilter(choices=ProcedurePage.ServiceLevel.choices)

    class Meta:
        model = ProcedurePage
        fields: list[str] = []


class DatedFilterSet(PageFilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")


class NewsFilterSet(DatedFilterSet):
    category = django_filters.CharFilter(
        field_name="categories__slug", distinct=True, help_text=_("Category slug.")
    )
    on_portal = django_filters.BooleanFilter(
        field_name="show_on_portal", help_text=_("Marked by its site to be shown on the provincial portal.")
    )

    class Meta:
        model = NewsPage
        fields: list[str] = []


class AnnouncementFilterSet(DatedFilterSet):
    class Meta:
        model = AnnouncementPage
        fields: list[str] = []


class AgencyFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Agency.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Agency.Status.choices)
    parent = IdFilter(field_name="parent")
    has_site = django_filters.BooleanFilter(field_name="site", lookup_expr="isnull", exclude=True)
    modified_since = ModifiedSinceFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Agency
        fields: list[str] = []


class AnswerFilterSet(PageFilterSet):
    field = IdFilter(field_name="field", help_text=_("Field (lĩnh vực) id."))
    answered_from = django_filters.DateFilter(field_name="answered_at__date", lookup_expr="gte")
    answered_to = django_filters.DateFilter(field_name="answered_at__date", lookup_expr="lte")

    class Meta:
        model = AnswerPage
        fields: list[str] = []


class ConsultationFilterSet(PageFilterSet):
    open_on = django_filters.DateFilter(
        method="filter_open_on", help_text=_("Open for comments on this day.")
    )

    class Meta:
        model = ConsultationPage
        fields: list[str] = []

    def filter_open_on(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(opens_at__date__lte=value, closes_at__date__gte=value)
