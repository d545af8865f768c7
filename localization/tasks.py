"""Background jobs of the localization app (Celery)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation as i18n
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from sites.models import Agency

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
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    finder = AdminURLFinder()
    sent = 0
    for translation in source.get_translations().filter(alias_of__isnull=True).select_related("locale"):
        if not is_outdated(source, translation):
            continue
        link = TranslatorGroup.objects.filter(agency=agency, locale=translation.locale).first()
        if link is None:
            continue
        recipients = list(
            get_user_model()
            .objects.filter(groups=link.group, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if not recipients:
            continue
        context = {
            "source": source,
            "translation": translation,
            "agency": agency,
            "edit_url": base_url + (finder.get_edit_url(translation) or ""),
            "report_url": f"{base_url}/admin/localization/outdated/{site.pk}/",
        }
        with i18n.override(settings.LANGUAGE_CODE):
            subject = render_to_string("localization/email/outdated_subject.txt", context).strip()
            body = render_to_string("localization/email/outdated_body.txt", context)
        send_mail(subject, body, None, recipients)
        sent += 1
    return sent
