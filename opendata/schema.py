"""OpenAPI generation: only the public API is described (never the admin's own API)."""

from __future__ import annotations

PUBLIC_PREFIX = "/api/v1/"


def public_endpoints_only(endpoints: list[tuple], **kwargs) -> list[tuple]:
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_PREFIX)]


# Django's form fields refuse NUL characters in text (a 400 that names the field); the description
# says so, so a client (or a fuzzer) knows such a value is not a valid request.
NO_NUL_PATTERN = r"^[^\x00]*$"


def text_parameters_refuse_nul(result: dict, **kwargs) -> dict:
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and not ({"enum", "format", "pattern"} & set(schema)):
                    schema["pattern"] = NO_NUL_PATTERN
    return result
