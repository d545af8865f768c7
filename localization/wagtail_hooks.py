"""Admin wiring: report URLs and menu item, the "out of date" listing flag, translator buttons."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page, WorkflowState

from sites.cache import locale_codes

from . import views
from .freshness import is_outdated
from .locales import foreign_locales, source_locale

app_urls = [
    path("outdated/", views.report_index, name="index"),
    path("outdated/<int:site_id>/", views.FreshnessReportView.as_view(), name="outdated"),
    path("translations/<int:translation_id>/submit/", views.submit_for_review, name="submit_for_review"),
    path("pages/<int:page_id>/sync/", views.sync_translation, name="sync"),
    path("pages/<int:page_id>/translate/<str:language_code>/", views.start_page_translation, name="start"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    # The two wagtail-localize URLs below are answered here first (this app's hooks run before
    # wagtail-localize's), so only people who may publish the page can use them.
    return [
        path("localization/", include((app_urls, "localization"), namespace="localization")),
        path("localize/page/<int:page_id>/convert_to_alias/", views.convert_to_alias),
        path("localize/translate/<int:translation_id>/disable/", views.stop_translation),
    ]


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return views.sites_for_user(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return TranslationReportMenuItem(
        _("Translation freshness"), reverse("localization:index"), icon_name="warning", order=900
    )


def _translation_buttons(page: Page, user, next_url=None, **kwargs):
    vi = source_locale()
    if page.locale_id != vi.id:
        source = page.get_translation_or_none(vi)
        if source is not None and page.alias_of_id is None and is_outdated(source, page):
            # The admin listing's "out of date" flag (R78): a button that also fixes it.
            yield ListingButton(
                _("⚠ Out of date – sync from Vietnamese"),
                reverse("localization:sync", args=[page.pk]),
                priority=5,
                icon_name="warning",
                attrs={"data-localization-outdated": "true"},
            )
        return
    if page.depth <= 2:
        return  # a site's home: provisioning gives it its locale roots (and the explorer lists every site)
    for locale in foreign_locales():
        if page.get_translation_or_none(locale) is not None:
            continue
        parent = page.get_parent().get_translation_or_none(locale)
        if parent is not None and parent.permissions_for_user(user).can_add_subpage():
            yield ListingButton(
                _("Translate into %(language)s") % {"language": locale.get_display_name()},
                reverse("localization:start", args=[page.pk, locale.language_code]),
                priority=70,
                icon_name="wagtail-localize-language",
            )


@hooks.register("before_serve_page")
def serve_only_the_active_locale(page: Page, request, serve_args, serve_kwargs):
    """Wagtail falls back to the Vietnamese tree when a locale's home is unpublished; under /en/ or
    english.<host> that would show Vietnamese pages as if they were English, so it is a 404."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if (locale_codes().get(page.locale_id) or page.locale.language_code) != language:
        raise Http404("This page is not published in this language.")


hooks.register("register_page_listing_buttons", _translation_buttons)
hooks.register("register_page_header_buttons", _translation_buttons)


@hooks.register("cong_my_work")
def my_translation_work(request):
    """The translators' part of the home page's "My work" panel (sites.dashboard)."""
    from sites.dashboard import MyWorkSection, WorkRow

    from .freshness import outdated_translations

    user = request.user
    translator_sites = views.translator_sites(user)
    if not translator_sites:
        return None
    outdated = [row for site in translator_sites for row in outdated_translations(site)]
    waiting = [row for row in outdated if row.translation.workflow_in_progress]
    submitted = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS, requested_by=user)
    page_ids = [int(pk) for pk in submitted.values_list("object_id", flat=True) if str(pk).isdigit()]
    mine = Page.objects.filter(pk__in=page_ids).exclude(locale=source_locale()).count()
    report = reverse("localization:index")
    return MyWorkSection(
        _("Translation work"),
        [
            WorkRow(
                _("Out-of-date translations to update"), len(outdated) - len(waiting), report, urgent=True
            ),
            WorkRow(_("My translations awaiting review"), mine, report),
        ],
        order=20,
    )
