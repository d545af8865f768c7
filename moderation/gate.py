"""The one gate every route to "live" passes (issue 10).

A page under an editorial workflow goes live, or is scheduled to, only with a revision that holds a
`PublicationClearance`:

* the workflow approved it — Wagtail's workflow ends in `publish_approved_workflow_state`
  (settings.WAGTAIL_FINISH_WORKFLOW_ACTION), which clears the revision it publishes;
* a superuser forced it with a stated reason (`force_publish`), which the audit log shows as "not reviewed"
  and the activity report lists;
* trusted code said why it publishes directly (`sites.publishing.publishing_without_review`: demo data,
  imports that meet R22), which is logged the same way.

The check sits on the models (`pre_save` of pages and revisions, connected in receivers.py), so the page
editor, bulk actions, the admin API, revert, copy, alias, scheduling, Celery tasks and management commands
all meet it; agency roles also lack Wagtail's `publish` page permission, so the admin refuses them first
with its own messages. This module is imported while Wagtail's models load (the finish action is read at
class creation), so it imports models lazily.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from sites.publishing import reason_for_publishing_without_review

MIN_REASON_LENGTH = 10

_forced: ContextVar[tuple[object, str] | None] = ContextVar("forced_publication", default=None)


class PublicationRefused(PermissionDenied):
    """A revision nobody approved was about to go live. Views answer 403 with the message."""


def refusal_message() -> str:
    return _(
        "This page goes live only after its editorial workflow approves it: submit it for moderation "
        "(“Gửi duyệt”). A superuser may publish without review only through “Publish without review”, stating a reason."
    )


@contextlib.contextmanager
def forced_publication(user, reason: str) -> Iterator[None]:
    """A superuser publishes without review; the reason goes to the audit log and the report."""
    if not getattr(user, "is_superuser", False):
        raise PublicationRefused(_("Only a superuser may publish without editorial review."))
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise PublicationRefused(
            _("State why this page must be published without review (at least %(count)s characters).")
            % {"count": MIN_REASON_LENGTH}
        )
    token = _forced.set((user, reason))
    try:
        yield
    finally:
        _forced.reset(token)


def force_publish(page, user, reason: str):
    """Publish the page's latest revision without review (superusers, with a reason). Returns it."""
    revision = page.get_latest_revision() or page.save_revision(user=user)
    with forced_publication(user, reason):
        revision.publish(user=user)
    return revision


def publish_approved_workflow_state(workflow_state, user=None) -> None:
    """WAGTAIL_FINISH_WORKFLOW_ACTION: the workflow approved the latest revision; clear and publish it.

    The approver publishes through the workflow, not through a publish permission of their own.
    """
    from wagtail.models import Page

    from .models import PublicationClearance

    obj = workflow_state.content_object
    revision = obj.get_latest_revision()
    if isinstance(obj, Page):
        PublicationClearance.objects.create(
            kind=PublicationClearance.Kind.WORKFLOW,
            revision=revision,
            page=obj,
            workflow_state=workflow_state,
            user=user,
        )
    revision.publish(user=user, skip_permission_checks=True)


def is_gated(page) -> bool:
    """Pages under an active editorial workflow (every provisioned site and locale tree has one).

    As Wagtail's ``get_workflow() is not None`` (the page's own workflow or its nearest ancestor's, if
    active), in one query by tree path: it also answers for a page being created, which has no id yet.
    """
    from wagtail.models import WorkflowPage

    from sites.tree import ancestor_paths

    prefixes = ancestor_paths(getattr(page, "path", None) or "")
    return (
        bool(prefixes)
        and WorkflowPage.objects.filter(page__path__in=prefixes, workflow__active=True).exists()
    )


def is_cleared(page, revision) -> bool:
    """The revision was cleared for this very page (a copy carrying its source's revision is not)."""
    from .models import PublicationClearance

    if revision is None or page.pk is None or revision.object_id != str(page.pk):
        return False
    return PublicationClearance.objects.filter(revision=revision, page_id=page.pk).exists()


def authorise(page, revision) -> None:
    """Let `revision` of `page` go live, or raise PublicationRefused.

    A forced or trusted publication is cleared and logged here, once per revision.
    """
    from .models import PublicationClearance

    if is_cleared(page, revision):
        return
    forced = _forced.get()
    reason = forced[1] if forced else reason_for_publishing_without_review()
    if reason is None:
        raise PublicationRefused(refusal_message())
    kind = PublicationClearance.Kind.FORCED if forced else PublicationClearance.Kind.SYSTEM
    user = forced[0] if forced else None
    if page.pk is None:
        # A page created live by trusted code (a new site's structural pages): it has no revision, and
        # no id until it is saved; record_live_creation clears it then.
        page._publication_clearance = (kind, user, reason)
        return
    _clear(page, revision, kind, user, reason)


def _clear(page, revision, kind: str, user, reason: str) -> None:
    from wagtail.log_actions import log

    from .models import PublicationClearance

    PublicationClearance.objects.create(kind=kind, revision=revision, page=page, user=user, reason=reason)
    log(
        instance=page.specific,
        action="moderation.published_without_review",
        user=user,
        revision=revision,
        data={"kind": str(kind), "reason": reason},
    )


def record_live_creation(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    """post_save: the clearance of a page that trusted code created live (authorise kept it aside)."""
    pending = instance.__dict__.pop("_publication_clearance", None)
    if pending is not None and created and not raw:
        _clear(instance, None, *pending)


LIVE_FIELDS = {"live", "live_revision", "live_revision_id"}


def guard_page_save(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    """pre_save: a page becomes live, or gets a new live revision, only through the gate."""
    from wagtail.models import Page, Revision

    if raw or not isinstance(instance, Page) or not instance.live:
        return
    if update_fields is not None and not LIVE_FIELDS & set(update_fields):
        return
    before = None
    if instance.pk is not None:
        before = Page.objects.filter(pk=instance.pk).values("live", "live_revision_id").first()
    if before and before["live"] and before["live_revision_id"] == instance.live_revision_id:
        return  # nothing new goes live
    if not is_gated(instance):
        return
    if instance.alias_of_id and Page.objects.filter(pk=instance.alias_of_id, live=True).exists():
        return  # an alias shows its source's live content, which passed this gate
    revision = None
    if instance.live_revision_id:
        revision = Revision.objects.filter(pk=instance.live_revision_id).first()
        if (
            before
            and before["live"]
            and before["live_revision_id"] is None
            and Revision.page_revisions.filter(object_id=str(instance.pk)).count() == 1
        ):
            return  # a live alias converted to a page: its first revision records what was already live
    authorise(instance, revision)


def guard_revision_schedule(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    """pre_save: scheduling a revision to go live later is publishing too."""
    from wagtail.models import Page

    if raw or instance.approved_go_live_at is None or instance.pk is None:
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    model = instance.base_content_type.model_class()
    if model is None or not issubclass(model, Page):
        return
    page = Page.objects.filter(pk=instance.object_id).first()
    if page is None or not is_gated(page):
        return
    authorise(page, instance)
