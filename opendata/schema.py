"""OpenAPI generation: only the public API is described (never the admin's own API)."""

from __future__ import annotations

PUBLIC_PREFIX = "/api/v1/"


def public_endpoints_only(endpoints: list[tuple], **kwargs) -> list[tuple]:
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_PREFIX)]
