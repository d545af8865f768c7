"""Publishing outside the editorial workflow, for trusted code only (loading demo data, imports that meet R22).

`moderation` refuses every publication that no approved workflow cleared; code that must publish directly
states why inside `publishing_without_review(reason)`. It lives here, at the bottom of the app layers, so
`cms` and `localization` can say it without importing `moderation`; `moderation` records each such
publication with its reason in the audit log.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # moderation.gate imports this module while wagtail.models is still loading
    from django.contrib.auth.base_user import AbstractBaseUser
    from wagtail.models import Page

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


def publish(page: Page, user: AbstractBaseUser | None = None) -> Page:
    """Save a revision of ``page`` and publish it: the one way demo data and test factories publish
    (under the editorial gate, only inside ``publishing_without_review``)."""
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return page


def add_structural_page(parent: Page, page: Page) -> Page:
    """Add ``page`` under ``parent``, live at once: a new site's empty structural pages (its
    introduction, its interaction sections), which provisioning adds to thousands of sites.

    They hold nothing but their title, so they go live as Wagtail's own system pages do (its welcome
    page): created live, with no revision, in one save instead of publish()'s four. The first edit
    gives them their first revision. Under the editorial gate only inside ``publishing_without_review``,
    whose reason the gate records for the page (moderation.gate, a clearance with no revision)."""
    from django.utils import timezone

    now = timezone.now()
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = now
    parent.add_child(instance=page)
    return page


def publish_child(
    parent: Page,
    model: type[Page],
    slug: str,
    *,
    user: AbstractBaseUser | None = None,
    before_publish: Callable[[Page], None] | None = None,
    **fields: Any,
) -> Page:
    """Create or update ``parent``'s child ``slug`` as a ``model`` with ``fields``, and publish it.

    Running it again updates the same page (demo loads are reruns). A child with this slug of another
    type (left by an older demo) is replaced. ``before_publish(page)`` sets what needs the saved page
    (attachments compared with the current ones, for instance)."""
    from wagtail.models import Page

    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        for stale in Page.objects.child_of(parent).filter(slug=slug):
            stale.delete()
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    if before_publish is not None:
        before_publish(page)
    return publish(page, user)
