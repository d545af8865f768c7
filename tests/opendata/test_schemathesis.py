"""Fuzz every operation of the OpenAPI description with schemathesis (through the WSGI app, on the test
database): no 5xx, every answer conforms to the schema (status, content type, headers, body), and no
answer carries personal data of the people who write and approve the content."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings

EXAMPLES = 25

# Keys that would only appear if an account or editorial state leaked into a response.
FORBIDDEN_KEYS = {"owner", "locked_by", "latest_revision", "user", "username", "password", "submitted_by"}


def personal_values() -> set[str]:
    from .conftest import ASKER

    values = {ASKER.lower(), "hd-2026-000123"}
    for user in get_user_model().objects.all():
        for value in (user.username, user.email, user.first_name, user.last_name, user.get_full_name()):
            if value and len(value) >= 4:
                values.add(value.lower())
    return values


def keys(data) -> set[str]:
    if isinstance(data, dict):
        return set(data) | set().union(*(keys(value) for value in data.values()))
    if isinstance(data, list):
        return set().union(*(keys(value) for value in data)) if data else set()
    return set()


@pytest.fixture
def api_schema(province):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from config.wsgi import application

    # Requests go through the real WSGI handler, which closes the database connection after each one;
    # the test's transaction lives on that connection, so keep it open (as Django's test client does).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def no_personal_data(ctx, response, case) -> None:
    text = response.text.lower()
    for value in PERSONAL:
        assert value not in text, f"personal data {value!r} in {case.path}"
    if "json" in (response.headers.get("content-type") or [""])[0]:
        leaked = keys(json.loads(response.text)) & FORBIDDEN_KEYS
        assert not leaked, f"account fields {leaked} in {case.path}"


PERSONAL: set[str] = set()


def test_api_conforms_to_its_schema(api_schema):
    """Every operation, up to EXAMPLES generated requests each (schemathesis' pytest plugin does not run
    under pytest 9, so the operations are driven here through its Python API and Hypothesis)."""
    PERSONAL.clear()
    PERSONAL.update(personal_values())
    assert PERSONAL, "the fixture must have people to look for"
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(additional_checks=[no_personal_data])

        try:
            check()
        except Exception as error:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
