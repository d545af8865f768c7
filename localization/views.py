"""Admin views: the per-site freshness report and the translator actions wagtail-localize lacks."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation

from sites.models import Agency, AgencyGroup
from sites.reports import LOCAL_DATETIME_EXPORT
from sites.visibility import member_agencies

from .freshness import StaleTranslation, mandatory_english_set, outdated_translations, untranslated_pages
from .locales import foreign_locales, locale_root, site_for_page, source_locale
from .models import TranslatorGroup
from .workflow import NoWorkflowError, start_translation, submit_translation_for_review, sync_from_source


def translator_sites(user) -> list[Site]:
    """The sites whose translations this user makes: a translators group of the agency or of a locale."""
    if not user.is_authenticated or user.is_superuser:
        return []  # superusers translate nothing by role; their dashboard has no translation section
    agency_ids = set(member_agencies(user, roles=[AgencyGroup.Role.TRANSLATORS]).values_list("pk", flat=True))
    agency_ids |= set(TranslatorGroup.objects.filter(group__user=user).values_list("agency_id", flat=True))
    return list(Site.objects.filter(agency__in=agency_ids).distinct())


def sites_for_user(user) -> QuerySet[Site]:
    """Superusers see every site; others the sites of the agencies whose groups they belong to.
    A queryset: the admin menu only asks whether there is one (thousands nationally)."""
    sites = Site.objects.filter(agency__isnull=False).order_by("site_name")
    if user.is_superuser:
        return sites
    agency_ids = set(member_agencies(user).values_list("pk", flat=True))
    agency_ids |= set(TranslatorGroup.objects.filter(group__user=user).values_list("agency_id", flat=True))
    return sites.filter(agency__in=agency_ids)


def report_index(request: HttpRequest) -> HttpResponse:
    sites = list(sites_for_user(request.user))
    if len(sites) == 1:
        return redirect("localization:outdated", site_id=sites[0].pk)
    return TemplateResponse(request, "localization/report_index.html", {"sites": sites})


class FreshnessReportView(ReportView):
    """R76/R78 per site: the out-of-date translations (paged, exported as CSV/XLSX: the translators'
    work list), then the mandatory English set and the pages ready to translate."""

    page_title = gettext_lazy("Translation freshness")
    header_icon = "warning"
    template_name = "localization/outdated_report.html"
    results_template_name = "localization/outdated_report_results.html"
    paginate_by = 100
    list_export = ["title", "language", "source_title", "source_published_at", "synced_at"]
    export_headings = {
        "title": gettext_lazy("Translation"),
        "language": gettext_lazy("Language"),
        "source_title": gettext_lazy("Vietnamese page"),
        "source_published_at": gettext_lazy("Vietnamese page published"),
        "synced_at": gettext_lazy("Translation last synchronised"),
    }
    custom_field_preprocess = {
        "source_published_at": LOCAL_DATETIME_EXPORT,
        "synced_at": LOCAL_DATETIME_EXPORT,
    }

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        self.site = get_object_or_404(Site, pk=kwargs["site_id"])
        if not sites_for_user(request.user).filter(pk=self.site.pk).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.site.site_name

    def get_index_url(self) -> str:
        return reverse("localization:outdated", args=[self.site.pk])

    def get_filename(self) -> str:
        return f"ban-dich-can-cap-nhat-{self.site.hostname}-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self) -> list[StaleTranslation]:
        self.locales = foreign_locales()
        return outdated_translations(self.site, self.locales)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.is_export:
            return context
        mandatory = mandatory_english_set(self.site)
        context.update(
            site=self.site,
            agency=Agency.objects.filter(site=self.site).first(),
            mandatory=mandatory,
            missing_count=sum(item.missing for item in mandatory),
            roots={locale.language_code: locale_root(self.site, locale) for locale in self.locales},
            untranslated=untranslated_pages(self.site, self.locales),
        )
        return context


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/admin/") else default)


@require_POST
def submit_for_review(request: HttpRequest, translation_id: int) -> HttpResponse:
    translation = get_object_or_404(Translation, pk=translation_id)
    try:
        page = translation.get_target_instance()
    except Page.DoesNotExist:
        raise PermissionDenied from None
    if not isinstance(page, Page) or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    try:
        state = submit_translation_for_review(translation, request.user)
    except NoWorkflowError:
        messages.error(
            request,
            _("“%(title)s” has no moderation workflow; ask the editorial board to publish it.")
            % {"title": page.title},
        )
        return _back(request, edit_url)
    if state is None:
        messages.success(request, _("The translation was saved; it is already awaiting review."))
    else:
        messages.success(request, _("The translation was saved and submitted for review."))
    return _back(request, edit_url)


def _confirm(request: HttpRequest, title: str, message: str) -> HttpResponse:
    return TemplateResponse(request, "localization/confirm.html", {"title": title, "message": message})


def sync_translation(request: HttpRequest, page_id: int) -> HttpResponse:
    """Take the current Vietnamese text into the translation of this page, then edit it."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method != "POST":
        return _confirm(
            request,
            _("Sync “%(title)s” from Vietnamese") % {"title": page.title},
            _("The changed Vietnamese text will appear in the translation editor for you to translate."),
        )
    source = page.get_translation_or_none(source_locale())
    if source is None:
        messages.error(request, _("This page has no Vietnamese source."))
    else:
        sync_from_source(source)
        messages.success(request, _("The Vietnamese changes are now in the translation editor."))
    return redirect("wagtailadmin_pages:edit", page.pk)


def start_page_translation(request: HttpRequest, page_id: int, language_code: str) -> HttpResponse:
    """A translator starts translating a Vietnamese page into their locale (as a draft)."""
    page = get_object_or_404(Page, pk=page_id, locale=source_locale())
    locale = get_object_or_404(Locale, language_code=language_code)
    if locale not in foreign_locales():
        raise PermissionDenied
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return redirect("wagtailadmin_pages:edit", existing.pk)
    parent = page.get_parent().get_translation_or_none(locale)
    if parent is None:
        messages.error(
            request, _("Translate the parent page “%(title)s” first.") % {"title": page.get_parent().title}
        )
        return _back(request, reverse("localization:index"))
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    if request.method != "POST":
        return _confirm(
            request,
            _("Translate “%(title)s” into %(language)s")
            % {"title": page.title, "language": locale.get_display_name()},
            _(
                "A draft translation is created; it goes to the editorial board for review before it is published."
            ),
        )
    translation = start_translation(page, locale, request.user)
    return redirect("wagtailadmin_pages:edit", translation.pk)


def translation_site(page: Page) -> Site | None:
    return site_for_page(page)


def _require_publisher(request: HttpRequest, page: Page) -> None:
    """Converting a translation to an alias (Vietnamese text under /en/) or stopping its sync is the
    board's call, never a translator's: both need publish rights on the page."""
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied


def convert_to_alias(request: HttpRequest, page_id: int) -> HttpResponse:
    from wagtail_localize.views.convert import convert_to_alias as localize_convert_to_alias

    _require_publisher(request, get_object_or_404(Page, pk=page_id))
    return localize_convert_to_alias(request, page_id)


def stop_translation(request: HttpRequest, translation_id: int) -> HttpResponse:
    from wagtail_localize.views.edit_translation import stop_translation as localize_stop_translation

    target = get_object_or_404(Translation, pk=translation_id).get_target_instance()
    if not isinstance(target, Page):
        raise PermissionDenied
    _require_publisher(request, target)
    return localize_stop_translation(request, translation_id)
