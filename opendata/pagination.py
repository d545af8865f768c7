"""Cursor pagination: opaque, stable cursors (an item published meanwhile never shifts a page)."""

from __future__ import annotations

from rest_framework.filters import OrderingFilter
from rest_framework.pagination import CursorPagination

from sites.public_urls import absolute_url


class PublicCursorPagination(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-last_published_at", "-pk")

    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        # The next/previous links on the configured scheme and port (sites.public_urls), not the request's.
        self.base_url = absolute_url(request, request.get_full_path())
        return page


class TieBreakingOrderingFilter(OrderingFilter):
    """The chosen order, then the primary key, so equal dates never swap places between pages."""

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if ordering and not any(field.lstrip("-") in ("pk", "id") for field in ordering):
            ordering.append("-pk" if ordering[0].startswith("-") else "pk")
        return ordering
