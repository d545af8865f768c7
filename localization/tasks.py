"""Background jobs of the localization app (Celery)."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from sites.models import Agency
from sites.notifications import notify
from sites.public_urls import absolute_url

from .freshness import is_outdated
from .models import TranslatorGroup


@shared_task
def notify_translators_of_outdated_page(page_id: int) -> int:
    """Email the translators of each locale whose translation of this page is now out of date.
    Returns the number of emails sent."""
    source = Page.objects.filter(pk=page_id).first()
    if source is None:
        return 0
    agency = Agency.objects.for_page(source)
    if agency is None:
        return 0
    site = agency.site
    finder = AdminURLFinder()
    sent = 0
    for translation in source.get_translations().filter(alias_of__isnull=True).select_related("locale"):
        if not is_outdated(source, translation):
            continue
        link = TranslatorGroup.objects.filter(agency=agency, locale=translation.locale).first()
        if link is None:
            continue
        translators = get_user_model().objects.filter(groups=link.group).order_by("pk")
        context = {
            "source": source,
            "translation": translation,
            "agency": agency,
            "edit_url": absolute_url(site, finder.get_edit_url(translation) or ""),
            "report_url": absolute_url(site, reverse("localization:outdated", args=[site.pk])),
        }
        if notify(translators, "localization/email/outdated", context, site=site, on_commit=False):
            sent += 1
    return sent
