"""Publishing outside the editorial workflow, for trusted code only (loading demo data, imports that meet R22).

`moderation` refuses every publication that no approved workflow cleared; code that must publish directly
states why inside `publishing_without_review(reason)`. It lives here, at the bottom of the app layers, so
`cms` and `localization` can say it without importing `moderation`; `moderation` records each such
publication with its reason in the audit log.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

_reason: ContextVar[str | None] = ContextVar("publishing_without_review", default=None)


@contextlib.contextmanager
def publishing_without_review(reason: str) -> Iterator[None]:
    if not (reason or "").strip():
        raise ValueError("Say why this code publishes without editorial review.")
    token = _reason.set(reason.strip())
    try:
        yield
    finally:
        _reason.reset(token)


def reason_for_publishing_without_review() -> str | None:
    return _reason.get()
