"""Changes to public content purge the API's cached responses (by moving the "last change" clock)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import DocumentType, IssuingAuthority, LegalField, NewsCategory
from moderation.models import CorrectionRequest
from sites.models import Agency

from .cache import mark_changed

# Models whose rows appear inside API responses besides pages themselves.
SERVED_MODELS = (
    Agency,
    Site,
    PageViewRestriction,
    DocumentType,
    IssuingAuthority,
    LegalField,
    NewsCategory,
    CorrectionRequest,  # a page's notices (R45)
)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs) -> None:
    mark_changed()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        mark_changed()


def _served_model_changed(sender, **kwargs) -> None:
    mark_changed()


for model in SERVED_MODELS:
    post_save.connect(_served_model_changed, sender=model, dispatch_uid=f"opendata-save-{model.__name__}")
    post_delete.connect(_served_model_changed, sender=model, dispatch_uid=f"opendata-delete-{model.__name__}")
