"""The one listing engine of the public site (R18, R30, R82): a section's live pages, narrowed by the
filters in its query string, paginated with ``?page=``, drawn by one form (cms/includes/filters.html) and
one pagination (cms/includes/pagination.html).

A filter reads its own parameter and ignores anything it cannot read (junk, an id beyond 64 bits, a
choice that does not exist): a listing never fails on its query string, it shows the unfiltered list.
The options of a select are what the listing's pages actually use, in Vietnamese order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import QueryDict

from sites.collation import sorted_vietnamese
from sites.text import clean_line

PER_PAGE = 20
MAX_TEXT = 100


def parse_id(value: str | None) -> int | None:
    """A primary key from a query string; anything else (junk, or beyond a 64-bit id) is None."""
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    return number if number is not None and 0 < number < 2**63 else None


@dataclass
class Filter:
    """One control of a listing's filter form. ``kind`` is how the form draws it: select, search, date."""

    name: str
    label: Any
    kind: str = "select"
    field: str = ""  # the lookup it filters on; the parameter's name when empty

    @property
    def lookup(self) -> str:
        return self.field or self.name

    def parse(self, raw: str, scope: QuerySet) -> Any:
        raise NotImplementedError

    def apply(self, queryset: QuerySet, value: Any) -> QuerySet:
        raise NotImplementedError

    def options(self, scope: QuerySet) -> list[tuple[str, str]]:
        return []

    def control(self, value: Any, scope: QuerySet) -> dict[str, Any]:
        """What the filter form (cms/includes/filters.html) draws."""
        selected = "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)
        return {
            "name": self.name,
            "label": self.label,
            "kind": self.kind,
            "options": self.options(scope),
            "selected": selected,
        }


@dataclass
class ChoiceFilter(Filter):
    """A field with choices (``field`` defaults to the parameter's name)."""

    choices: Sequence[tuple[str, Any]] = ()

    def parse(self, raw: str, scope: QuerySet) -> Any:
        return raw if raw in {str(value) for value, _label in self.choices if value != ""} else None

    def apply(self, queryset: QuerySet, value: Any) -> QuerySet:
        return queryset.filter(**{self.lookup: value})

    def options(self, scope: QuerySet) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in self.choices if value != ""]


@dataclass
class RelatedFilter(Filter):
    """A foreign key or many-to-many field of the listed pages: options are the objects in use."""

    model: type[Model] | None = None

    def parse(self, raw: str, scope: QuerySet) -> Any:
        return parse_id(raw)

    def apply(self, queryset: QuerySet, value: Any) -> QuerySet:
        return queryset.filter(**{f"{self.lookup}__pk": value})

    def options(self, scope: QuerySet) -> list[tuple[str, str]]:
        objects = self.model.objects.filter(pk__in=scope.values(self.lookup))
        return [(str(obj.pk), str(obj)) for obj in vietnamese_order(objects)]


@dataclass
class YearFilter(Filter):
    """The year of a date field (or an integer year field, ``integer=True``)."""

    integer: bool = False

    def parse(self, raw: str, scope: QuerySet) -> Any:
        year = parse_id(raw)
        return year if year is not None and 1900 <= year <= 2200 else None

    def apply(self, queryset: QuerySet, value: Any) -> QuerySet:
        return queryset.filter(**{self.field if self.integer else f"{self.field}__year": value})

    def options(self, scope: QuerySet) -> list[tuple[str, str]]:
        if self.integer:
            years = set(scope.values_list(self.field, flat=True))
        else:
            years = {d.year for d in scope.dates(self.field, "year") if d is not None}
        return [(str(year), str(year)) for year in sorted((y for y in years if y), reverse=True)]


@dataclass
class DateFilter(Filter):
    """A bound on a date field: ``field`` is a lookup such as ``issued_on__gte``."""

    kind: str = "date"

    def parse(self, raw: str, scope: QuerySet) -> Any:
        try:
            return dt.date.fromisoformat(raw) if raw else None
        except ValueError:
            return None

    def apply(self, queryset: QuerySet, value: Any) -> QuerySet:
        return queryset.filter(**{self.lookup: value})


@dataclass
class TextFilter(Filter):
    """Words typed by the reader; ``match`` narrows the queryset (or a list, for matching in Python)."""

    kind: str = "search"
    match: Callable[[Any, str], Any] | None = None
    placeholder: str = ""
    max_length: int = MAX_TEXT

    def parse(self, raw: str, scope: QuerySet) -> Any:
        return clean_line(raw, self.max_length) or None

    def control(self, value: Any, scope: QuerySet) -> dict[str, Any]:
        return {
            **super().control(value, scope),
            "placeholder": self.placeholder,
            "max_length": self.max_length,
        }

    def apply(self, queryset: QuerySet, value: Any) -> QuerySet:
        # Without ``match`` the caller matches the words itself (e.g. folded, in Python).
        return self.match(queryset, value) if self.match else queryset


def _spans_many(model: type[Model], path: str) -> bool:
    from django.core.exceptions import FieldDoesNotExist

    try:
        field = model._meta.get_field(path.split("__")[0])
    except FieldDoesNotExist:
        return True  # not a plain field (a custom match): keep the rows unique to be safe
    return bool(field.many_to_many or field.one_to_many)


def vietnamese_order(objects: Iterable[Model]) -> list[Model]:
    """Managed-list items by their set order (when they have one), then in Vietnamese alphabetical order."""
    return sorted(sorted_vietnamese(objects), key=lambda obj: getattr(obj, "sort_order", 0))


@dataclass
class Listing:
    items: Any  # a paginator page, or the whole filtered queryset when ``per_page`` is None
    controls: list[dict[str, Any]]
    values: dict[str, Any]
    query: str  # the filters as a query string, for the pagination links

    def context(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "filters": self.controls,
            "filter_values": self.values,
            "filter_query": self.query,
        }


def run_listing(
    params: QueryDict,
    scope: QuerySet,
    filters: Sequence[Filter],
    order: Sequence[str] = (),
    per_page: int | None = PER_PAGE,
) -> Listing:
    """``scope`` narrowed by each filter that reads a value from ``params``, ordered, and paginated."""
    items, values, controls = scope, {}, []
    for listing_filter in filters:
        raw = params.get(listing_filter.name, "")
        value = listing_filter.parse(raw, scope) if raw else None
        # A readable value applies even when not offered here (an agency without procedures): the reader
        # asked for it, and an empty list says so truthfully.
        if value is not None:
            items = listing_filter.apply(items, value)
        values[listing_filter.name] = value
        controls.append(listing_filter.control(value, scope))
    if any(_spans_many(scope.model, f.lookup) for f in filters if values[f.name] is not None):
        items = items.distinct()  # a many-to-many filter (fields, categories) repeats rows otherwise
    if order:
        items = items.order_by(*order, "-pk")
    query = params.copy()
    query.pop("page", None)
    page = Paginator(items, per_page).get_page(params.get("page")) if per_page else items
    return Listing(items=page, controls=controls, values=values, query=query.urlencode())
