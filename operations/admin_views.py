"""The operator page: backup history and restore drills (R107, R108), for provincial administrators."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.delegation import is_provincial_admin
from sites.reports import PeriodReportView, Sheet

from .drill import DRILL_INTERVAL_DAYS, drill_overdue, last_successful_drill
from .models import BackupRecord, BrokenLink, DailyVisits, LinkCheckRun, Outcome, RestoreDrill


class OperatorMixin(WagtailAdminTemplateMixin):
    header_icon = "cogs"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not is_provincial_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class BackupsView(OperatorMixin, TemplateView):
    template_name = "operations/backups.html"
    page_title = gettext_lazy("Backups and restore drills")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        week_ago = timezone.now() - timedelta(days=7)
        context.update(
            backups=BackupRecord.objects.all()[:60],
            drills=RestoreDrill.objects.all()[:20],
            last_drill=last_successful_drill(),
            drill_overdue=drill_overdue(),
            drill_days=DRILL_INTERVAL_DAYS,
            backup_this_week=BackupRecord.objects.filter(
                outcome=Outcome.SUCCESS, started_at__gte=week_ago
            ).exists(),
        )
        return context


class VisitsView(WagtailAdminTemplateMixin, PeriodReportView):
    """Page views and visits per site for a month (R117); each user sees the sites they may see."""

    template_name = "operations/visits.html"
    page_title = gettext_lazy("Visit statistics")
    header_icon = "view"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        from sites.visibility import visible_sites

        self.sites = visible_sites(request.user)
        if not request.user.is_authenticated or not self.sites.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    period_param = "month"
    filename_stem = "luot-truy-cap"

    def get(self, request: HttpRequest, *args, **kwargs):
        chosen = request.GET.get("site", "")
        self.chosen_site = self.sites.filter(pk=chosen).first() if chosen.isdigit() else None
        if chosen and self.chosen_site is None:
            raise PermissionDenied  # a site the user may not see
        return super().get(request, *args, **kwargs)

    def export_filename(self) -> str:
        return super().export_filename() + (f"-{self.chosen_site.pk}" if self.chosen_site else "")

    def site_rows(self) -> list[dict]:
        totals = {
            row["site_id"]: row
            for row in DailyVisits.objects.filter(
                site__in=self.sites, date__gte=self.period.start, date__lt=self.period.end
            )
            .values("site_id")
            .annotate(views=Sum("views"), visits=Sum("visits"))
        }
        rows = [
            {
                "site": site,
                "views": totals.get(site.pk, {}).get("views", 0),
                "visits": totals.get(site.pk, {}).get("visits", 0),
            }
            for site in self.sites
        ]
        return sorted(rows, key=lambda row: (-row["views"], row["site"].site_name or row["site"].hostname))

    def page_rows(self) -> list[dict]:
        if self.chosen_site is None:
            return []
        rows = (
            DailyVisits.objects.filter(
                site=self.chosen_site, date__gte=self.period.start, date__lt=self.period.end
            )
            .values("page_id", "page__title", "page__url_path")
            .annotate(views=Sum("views"), visits=Sum("visits"))
            .order_by("-views")[:50]
        )
        return list(rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chosen_site"] = self.chosen_site
        return context

    def report_context(self) -> dict:
        rows = self.site_rows()
        return {
            "rows": rows,
            "pages": self.page_rows(),
            "total_views": sum(row["views"] for row in rows),
            "total_visits": sum(row["visits"] for row in rows),
        }

    def sheets(self) -> list[Sheet]:
        if self.chosen_site is not None:
            header = [_("Page"), _("Address"), _("Page views"), _("Visits")]
            body = [
                [row["page__title"] or "?", row["page__url_path"] or "", row["views"], row["visits"]]
                for row in self.page_rows()
            ]
            title = self.chosen_site.site_name
        else:
            header = [_("Site"), _("Host"), _("Page views"), _("Visits")]
            body = [
                [row["site"].site_name, row["site"].hostname, row["views"], row["visits"]]
                for row in self.site_rows()
            ]
            title = _("Visit statistics")
        return [Sheet(self.period.key, f"{title} — {self.period.label}", header, body)]


class BrokenLinksView(WagtailAdminTemplateMixin, TemplateView):
    """Each site's broken links for its editors (R84); the province sees every site."""

    template_name = "operations/broken_links.html"
    page_title = gettext_lazy("Broken links")
    header_icon = "link"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        from sites.visibility import visible_sites

        self.sites = visible_sites(request.user)
        if not request.user.is_authenticated or not self.sites.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        links = BrokenLink.objects.filter(site__in=self.sites).select_related("site", "page")
        by_site: dict = {}
        for link in links:
            by_site.setdefault(link.site, []).append(link)
        context.update(
            by_site=sorted(by_site.items(), key=lambda item: item[0].site_name),
            last_run=LinkCheckRun.objects.first(),
        )
        return context
