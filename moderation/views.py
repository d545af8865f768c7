"""Admin views: the deadline dashboard and the activity reports, each limited to the sites a user may see."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from sites.reports import PeriodReportView, Sheet

from . import corrections
from .access import can_use_moderation_views, is_provincial, visible_sites
from .calendar import WorkingCalendar
from .forms import CorrectionDecisionForm, CorrectionRequestForm
from .gate import MIN_REASON_LENGTH, force_publish
from .models import CorrectionRequest, Submission
from .reports import build_report, chart_bars, days_left_in_month
from .reports import sheets as report_sheets


class ModerationViewMixin(WagtailAdminTemplateMixin):
    header_icon = "time"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not can_use_moderation_views(request.user):
            raise PermissionDenied
        self.sites = visible_sites(request.user).order_by("site_name")
        self.provincial = is_provincial(request.user)
        chosen = request.GET.get("site", "")
        self.chosen_site = self.sites.filter(pk=chosen).first() if chosen.isdigit() else None
        if chosen and self.chosen_site is None:
            raise PermissionDenied  # a site outside the user's agencies
        return super().dispatch(request, *args, **kwargs)

    @property
    def scope(self):
        return self.sites.filter(pk=self.chosen_site.pk) if self.chosen_site else self.sites


class DeadlinesView(ModerationViewMixin, TemplateView):
    """Due-soon and overdue items (R51): one site for its staff, every site for the provincial board."""

    template_name = "moderation/deadlines.html"
    page_title = gettext_lazy("Editorial deadlines")
    FILTERS = {
        "overdue": gettext_lazy("Overdue"),
        "due_soon": gettext_lazy("Due within 2 working days"),
        "open": gettext_lazy("All open items"),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        calendar = WorkingCalendar.current()
        soon = calendar.add_working_days(now, 2)
        base = Submission.objects.filter(site__in=self.scope).select_related("site", "page", "submitted_by")
        state = self.request.GET.get("show", "overdue")
        if state not in self.FILTERS:
            state = "overdue"
        if state == "overdue":
            items = base.overdue(now)
        elif state == "due_soon":
            items = base.due_soon(soon, now)
        else:
            items = base.open()
        items = list(items.order_by("due_at", "received_at")[:500])
        for item in items:
            item.late_days = (
                calendar.working_days_between(item.due_at, now) if item.due_at and item.due_at < now else 0
            )
        context.update(
            items=items,
            by_site=self.by_site(base, now, soon) if self.sites.count() > 1 and not self.chosen_site else [],
            show=state,
            show_label=self.FILTERS[state],
            filters=self.FILTERS,
            counts={
                "overdue": base.overdue(now).count(),
                "due_soon": base.due_soon(soon, now).count(),
                "open": base.open().count(),
            },
            sites=self.sites,
            chosen_site=self.chosen_site,
            provincial=self.provincial,
            now=now,
        )
        return context

    @staticmethod
    def by_site(base, now, soon) -> list[dict]:
        """Open, due-soon and overdue counts per site, worst first (R51's consolidated dashboard)."""
        running = Q(status__in=Submission.RUNNING_STATUSES, due_at__isnull=False)
        rows = (
            base.open()
            .values("site_id", "site__site_name")
            .annotate(
                open=Count("pk"),
                overdue=Count("pk", filter=running & Q(due_at__lt=now)),
                due_soon=Count("pk", filter=running & Q(due_at__gte=now, due_at__lte=soon)),
            )
            .order_by("-overdue", "-due_soon", "site__site_name")
        )
        return list(rows)


class ReportView(ModerationViewMixin, PeriodReportView):
    """Per-agency activity for a month, half-year or year, with a chart and CSV/XLSX exports (R114–R116)."""

    template_name = "moderation/report.html"
    page_title = gettext_lazy("Editorial activity report")

    def prepare(self) -> None:
        self.report = build_report(self.period, self.scope)

    def sheets(self) -> list[Sheet]:
        return report_sheets(self.report)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            period_choices=period_choices(today),
            sites=self.sites,
            chosen_site=self.chosen_site,
            provincial=self.provincial,
            suggestions=_period_suggestions(today),
        )
        if self.period is None:
            context.update(report=None)
        return context

    def report_context(self) -> dict:
        today = timezone.localdate()
        current_month = self.period.kind == "month" and self.period.start == today.replace(day=1)
        bars = chart_bars(self.report)
        return {
            "report": self.report,
            "totals": self.report.totals(),
            "bars": bars,
            "chart_height": 16 + 22 * len(bars),
            "days_left": days_left_in_month(today) if current_month else None,
        }


def period_choices(today: dt.date, years: int = 3) -> list[tuple[str, str]]:
    """The picker: every month, half-year and year of the last few years, newest first (dd/mm style)."""
    choices: list[tuple[str, str]] = []
    for year in range(today.year, today.year - years, -1):
        choices.append((str(year), _("Year %(year)s") % {"year": year}))
        for half in (2, 1):
            if year == today.year and half == 2 and today.month <= 6:
                continue
            choices.append(
                (f"{year}-H{half}", _("Half-year %(half)s/%(year)s") % {"half": half, "year": year})
            )
        last_month = today.month if year == today.year else 12
        for month in range(last_month, 0, -1):
            choices.append(
                (f"{year}-{month:02d}", _("Month %(month)02d/%(year)s") % {"month": month, "year": year})
            )
    return choices


def _period_suggestions(today: dt.date) -> list[tuple[str, str]]:
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    half = 1 if today.month <= 6 else 2
    return [
        (f"{today:%Y-%m}", _("This month")),
        (f"{last_month:%Y-%m}", _("Last month")),
        (f"{today.year}-H{half}", _("This half-year")),
        (str(today.year), _("This year")),
        (str(today.year - 1), _("Last year")),
    ]


class ForcePublishForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why must this page be published without review?"),
        widget=forms.Textarea({"rows": 3}),
        min_length=MIN_REASON_LENGTH,
        error_messages={
            "required": gettext_lazy("State why this page must be published without review."),
            "min_length": gettext_lazy("Give a reason of at least %(limit_value)d characters."),
        },
    )


class ForcePublishView(WagtailAdminTemplateMixin, TemplateView):
    """A superuser publishes the latest revision without review, stating why (audit log: "not reviewed")."""

    template_name = "moderation/force_publish.html"
    page_title = gettext_lazy("Publish without review")
    header_icon = "warning"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied(_("Only a superuser may publish without editorial review."))
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ForcePublishForm())
        context["page"] = self.page
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = ForcePublishForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        with transaction.atomic():
            force_publish(self.page, request.user, form.cleaned_data["reason"])
        messages.success(
            request,
            _("“%(title)s” is published without review; the reason is in its history.")
            % {"title": self.page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)


# --- corrections, withdrawals and take-downs (R45) -----------------------------------------------------


class CorrectionRequestView(WagtailAdminTemplateMixin, TemplateView):
    """File a correction, withdrawal or take-down of a live page (its own agency's staff only)."""

    template_name = "moderation/correction_form.html"
    page_title = gettext_lazy("Correct, withdraw or take down")
    header_icon = "warning"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        if not corrections.may_request(request.user, self.page):
            # Another agency's page is not theirs to know about: as if it did not exist.
            raise Http404
        self.at_once = request.user.is_superuser or corrections.is_board_member(request.user, self.page)
        self.withdrawn = corrections.active_withdrawal(self.page) is not None
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "form", CorrectionRequestForm(may_act_at_once=self.at_once, withdrawn=self.withdrawn)
        )
        pending = CorrectionRequest.objects.filter(page=self.page, status=CorrectionRequest.Status.PENDING)
        context.update(page=self.page, pending=pending, list_url=reverse("moderation_corrections"))
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = CorrectionRequestForm(request.POST, may_act_at_once=self.at_once, withdrawn=self.withdrawn)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            filed = corrections.file_request(self.page, request.user, **form.cleaned_data)
        except corrections.CorrectionRefused as refusal:
            messages.error(request, str(refusal))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if filed.status == CorrectionRequest.Status.APPROVED:
            messages.success(request, _("The page is taken down. The emergency take-down is logged."))
        else:
            messages.success(request, _("The request is filed; the editorial board decides on it."))
        return redirect("moderation_correction", filed.pk)


class CorrectionListView(ModerationViewMixin, TemplateView):
    """The requests of the user's sites: pending ones first, then the latest decisions."""

    template_name = "moderation/correction_list.html"
    page_title = gettext_lazy("Corrections and take-downs")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        base = corrections.requests_for(self.request.user).filter(site__in=self.scope)
        base = base.select_related("page", "site", "requested_by", "decided_by")
        context.update(
            pending=list(base.filter(status=CorrectionRequest.Status.PENDING).order_by("requested_at")),
            decided=list(base.exclude(status=CorrectionRequest.Status.PENDING).order_by("-decided_at")[:100]),
            sites=self.sites,
            chosen_site=self.chosen_site,
        )
        return context


class CorrectionDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One request, and the board's approve / reject (four eyes)."""

    template_name = "moderation/correction_detail.html"
    page_title = gettext_lazy("Correction or take-down request")
    header_icon = "warning"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        self.item = get_object_or_404(
            CorrectionRequest.objects.select_related("page", "site", "requested_by", "decided_by"),
            pk=kwargs["pk"],
        )
        if not corrections.requests_for(request.user).filter(pk=self.item.pk).exists():
            raise Http404  # another agency's request
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("moderation_corrections"), "label": _("Corrections and take-downs")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            item=self.item,
            why_not=corrections.why_not_decide(self.request.user, self.item),
            form=kwargs.get("form") or CorrectionDecisionForm(),
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = CorrectionDecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        action = form.cleaned_data["action"]
        try:
            corrections.decide(self.item, request.user, action, form.cleaned_data["note"])
        except corrections.CorrectionRefused as refusal:
            messages.error(request, str(refusal))
            status = 403 if corrections.why_not_decide(request.user, self.item) else 400
            return self.render_to_response(self.get_context_data(form=form), status=status)
        if action == "approve":
            messages.success(request, _("Approved: the decision is applied to the public page and logged."))
        else:
            messages.success(
                request, _("Rejected; the reason is kept with the request and in the page history.")
            )
        return redirect("moderation_correction", self.item.pk)
