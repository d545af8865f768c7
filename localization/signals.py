"""Receivers: locale roots for new sites, workflow mirroring, freshness notices."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, WorkflowPage
from wagtail.signals import page_published

from sites.models import Agency
from sites.provisioning import building_new_site
from sites.signals import site_claimed, site_provisioned

from .locales import ensure_locale_roots, foreign_locales, source_locale
from .models import LanguageSettings


@receiver(site_claimed, dispatch_uid="localization_claim_locale_roots")
def claim_locale_roots(sender, agency: Agency, home, **kwargs) -> None:
    """A new site's home in each enabled foreign locale, as the draft wagtail-localize would create
    (its own copy for translation); ensure_locale_roots fills it in when the site is built."""
    for locale in foreign_locales():
        home.copy_for_translation(locale)


@receiver(site_provisioned, dispatch_uid="localization_locale_roots")
def add_locale_roots(sender, agency: Agency, site, created: bool, **kwargs) -> None:
    ensure_locale_roots(agency)


@receiver(post_save, sender=WorkflowPage, dispatch_uid="localization_mirror_workflow")
@receiver(post_delete, sender=WorkflowPage, dispatch_uid="localization_mirror_workflow_delete")
def mirror_site_workflow(sender, instance: WorkflowPage, **kwargs) -> None:
    """When moderation (re)assigns a site root's workflow, its locale roots follow."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None or page.depth != 2 or page.locale_id != source_locale().id:
        return
    from .locales import mirror_workflow

    for translation in page.get_translations():
        mirror_workflow(page, translation)


@receiver(post_save, sender=LanguageSettings, dispatch_uid="localization_enable_languages")
def add_roots_for_enabled_languages(sender, instance: LanguageSettings, **kwargs) -> None:
    """Switching a language on gives every live site its locale root (and translators group)."""
    for agency in Agency.objects.active().with_site().select_related("site"):
        ensure_locale_roots(agency)


@receiver(page_published, dispatch_uid="localization_freshness")
def flag_outdated_translations(sender, instance: Page, **kwargs) -> None:
    """A Vietnamese page with translations was republished: tell that site's translators (R78).

    Not while provisioning builds a new site: its home's translations are the drafts just copied from
    it, and nothing has changed for a translator to catch up with."""
    if building_new_site():
        return
    if instance.locale_id != source_locale().id or not instance.get_translations().exists():
        return
    if not LanguageSettings.load().notify_translators:
        return
    from .tasks import notify_translators_of_outdated_page

    page_id = instance.pk
    transaction.on_commit(lambda: notify_translators_of_outdated_page.delay(page_id))
