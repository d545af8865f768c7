"""Operations middleware: health probes answered before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from .health import run_checks

HEALTH_PATHS = ("/healthz", "/readyz")


class HealthCheckMiddleware:
    """First in the chain: probes skip host checks and redirects, sessions, CSRF, 2FA and caches."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info.rstrip("/")
        if path not in HEALTH_PATHS:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"error": "method not allowed"}, status=405)
            response["Allow"] = "GET, HEAD"
        elif path == "/healthz":
            response = JsonResponse({"status": "ok"})
        else:
            results = run_checks()
            failing = [result.name for result in results if not result.ok]
            response = JsonResponse(
                {
                    "status": "fail" if failing else "ok",
                    "failing": failing,
                    "checks": {result.name: result.as_dict() for result in results},
                },
                status=503 if failing else 200,
            )
        response["Cache-Control"] = "no-store"
        return response


# Paths that stay reachable whatever the site's state: the administration and the files it serves.
ALWAYS_OPEN = ("/admin/", "/static/", "/media/", "/documents/", "/healthz", "/readyz")


def is_signed_in_staff(request: HttpRequest) -> bool:
    """Signed in, past 2FA, with admin access; read from the session (this runs before the
    authentication middleware, ahead of the page cache)."""
    if not hasattr(request, "session"):
        return False
    from django.contrib.auth import get_user
    from django_otp import DEVICE_ID_SESSION_KEY

    user = get_user(request)
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(request.session.get(DEVICE_ID_SESSION_KEY)) and user.has_perm("wagtailadmin.access_admin")


class PublicAccessMiddleware:
    """Maintenance windows answer 503 to the public (R113); sites not yet live answer only to staff (R12)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(ALWAYS_OPEN):
            return self.get_response(request)
        from . import public_access

        refused = public_access.refusal(request)
        if refused is None or is_signed_in_staff(request):
            return self.get_response(request)
        reason, window = refused
        return maintenance_response(window) if reason == "closed" else not_launched_response()


def maintenance_response(window: dict) -> HttpResponse:
    from django.template import loader
    from django.utils import timezone

    retry_after = max(int((window["ends_at"] - timezone.now()).total_seconds()), 60)
    from django.utils import translation

    from .public_access import in_language

    notice = in_language(window, translation.get_language())
    body = loader.get_template("operations/unavailable.html").render({"notice": notice})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def not_launched_response() -> HttpResponse:
    from django.template import loader

    response = HttpResponse(loader.get_template("operations/not_launched.html").render(), status=404)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


class VisitPageMarkerMiddleware:
    """Inside the page cache: marks a Wagtail page's response with its site and page (R117)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        page = getattr(request, "cong_counted_page", None)
        if page is not None and response.status_code == 200:
            from .visits import PAGE_HEADER

            response[PAGE_HEADER] = f"{request.cong_counted_site_id}:{page.pk}"
        return response


class VisitCounterMiddleware:
    """Outside the page cache: counts a marked page view once it is answered, cache hit or not
    (operations/visits.py, R117), and drops the marker."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        from . import visits

        visits.count_view(request, response)
        return response
