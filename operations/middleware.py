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
