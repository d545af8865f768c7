"""Translations as drafts that go through moderation instead of straight to the public site.

wagtail-localize's editor applies translations only by publishing, and its own "save draft" writes
the content into the page row (which is what the public sees). Here a translation becomes a new
revision only, and the page's workflow (the site's, mirrored on the locale root) is started.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments.ingest import ingest_segments


class NoWorkflowError(Exception):
    """The page has no moderation workflow, so a translation cannot be submitted for review."""


def save_translation_draft(translation: Translation, user) -> Page:
    """Apply the translated strings to a new revision of the target page, leaving the live page alone."""
    source = translation.source
    try:
        page = source.get_translated_instance(translation.target_locale)
    except Page.DoesNotExist:
        page = None
    if page is None or not page.live:
        translation.save_target(user=user, publish=False)  # not public: wagtail-localize's own path
        return source.get_translated_instance(translation.target_locale).specific
    original = source.as_instance()
    draft = page.specific.get_latest_revision_as_object()
    copy_synchronised_fields(original, draft)
    segments = source._get_segments_for_translation(translation.target_locale, fallback=True)
    ingest_segments(original, draft, source.locale, translation.target_locale, segments)
    draft.save_revision(user=user)
    return draft


@transaction.atomic
def submit_translation_for_review(translation: Translation, user) -> WorkflowState | None:
    """Save the translation as a draft and start (or continue) the page's moderation workflow.
    Returns the new workflow state, or None when one was already in progress."""
    page = save_translation_draft(translation, user)
    workflow = page.get_workflow()
    if workflow is None:
        raise NoWorkflowError
    if page.workflow_in_progress:
        return None
    return workflow.start(page, user)


def start_translation(page: Page, locale: Locale, user) -> Page:
    """Create an unpublished translation of `page` for a translator of that locale."""
    page = page.specific
    with transaction.atomic():
        source, _created = TranslationSource.update_or_create_from_instance(page)
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        translation.save_target(user=user, publish=False)
    return page.get_translation(locale)


def sync_from_source(source_page: Page) -> TranslationSource:
    """Take the Vietnamese page's current content into the translation editor (new strings appear)."""
    source, _created = TranslationSource.update_or_create_from_instance(source_page.specific)
    return source
