"""Error pages that must render without the database."""

from __future__ import annotations

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

# Seconds a client (or crawler) is asked to wait before retrying while the database is away.
DATABASE_RETRY_AFTER = 60


def database_unreachable(error: BaseException | None) -> bool:
    """An outage (connection refused, dropped, timed out), not a bug in a query."""
    while error is not None:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        if isinstance(error, DatabaseError):
            return False
        error = error.__cause__ or error.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database outage answers 503 with the maintenance page, anything else 500."""
    if database_unreachable(sys.exc_info()[1]):
        # No context processors: they read site settings from the very database that is down.
        body = loader.get_template("operations/unavailable.html").render(
            {"retry_after": DATABASE_RETRY_AFTER}
        )
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
