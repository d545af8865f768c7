"""Admin screens: the request queue and each request's handling page, attachments, reports, page feedback
and consultation comments — each limited to the user's own agencies (the provincial board sees all)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from cms.models import LegalField
from sites.models import Agency
from sites.reports import PeriodReportView, Sheet, local_datetime, spreadsheet_response
from sites.text import clean_line
from sites.visibility import is_provincial

from .. import workflow
from ..access import (
    can_use,
    feedback_sites_q,
    mask,
    may_see_personal_data,
    personal_data,
    sites_for,
    visible_requests,
)
from ..models import (
    CitizenRequest,
    ConsultationComment,
    ConsultationPage,
    LegalBasis,
    ModerationStatus,
    PageFeedback,
    RequestAttachment,
)
from ..reports import build_report, rating_rows, rating_table, table

LEGAL_BASIS_ROWS = 3


class InteractionAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not can_use(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- the queue --------------------------------------------------------------------------------------


class RequestListView(InteractionAdminMixin, TemplateView):
    template_name = "interaction/admin/request_list.html"
    page_title = gettext_lazy("Questions and petitions")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = visible_requests(self.request.user).select_related("agency", "site", "field")
        params = self.request.GET
        kind = params.get("kind", "")
        if kind in CitizenRequest.Kind.values:
            items = items.filter(kind=kind)
        status = params.get("status", "")
        if status == "overdue":
            items = items.overdue()
        elif status == "open":
            items = items.open()
        elif status in CitizenRequest.Status.values:
            items = items.filter(status=status)
        field = params.get("field", "")
        if field.isdigit() and int(field) < 2**31:
            items = items.filter(field_id=int(field))
        query = clean_line(params.get("q"), 100)
        if query:
            items = items.filter(Q(tracking_code__iexact=query) | Q(title__icontains=query))
        reveal = may_see_personal_data(self.request.user)
        rows = []
        for item in items.order_by("-received_at")[:200]:
            rows.append({"item": item, "asker": item.asker_name if reveal else mask(item.asker_name)})
        context.update(
            rows=rows,
            kinds=CitizenRequest.Kind.choices,
            statuses=CitizenRequest.Status.choices,
            fields=LegalField.objects.all(),
            chosen={"kind": kind, "status": status, "field": field, "q": query},
            personal=reveal,
        )
        return context


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer"), widget=forms.Textarea({"rows": 10}), max_length=20_000
    )
    visibility = forms.ChoiceField(
        label=gettext_lazy("Answer published"), choices=CitizenRequest.Visibility.choices
    )


class RequestDetailView(InteractionAdminMixin, TemplateView):
    template_name = "interaction/admin/request_detail.html"

    def get_page_title(self):
        return self.item.tracking_code

    def dispatch(self, request, *args, **kwargs):
        if not can_use(request.user):
            raise PermissionDenied
        # Another agency's item is simply not there (isolation by id, reads included).
        self.item = get_object_or_404(
            visible_requests(request.user).select_related("agency", "site", "field"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, item = self.request.user, self.item
        context.update(
            item=item,
            personal=personal_data(item, user, reveal=self.request.GET.get("personal") == "1"),
            may_reveal=may_see_personal_data(user),
            revealed=self.request.GET.get("personal") == "1" and may_see_personal_data(user),
            events=item.events.select_related("actor", "from_agency", "to_agency"),
            actions=workflow.available_actions(user, item),
            agencies=Agency.objects.active().with_site().exclude(pk=item.agency_id).order_by("name"),
            fields=LegalField.objects.all(),
            categories=CitizenRequest.Category.choices,
            visibilities=CitizenRequest.Visibility.choices,
            legal_rows=range(LEGAL_BASIS_ROWS),
            legal_bases=[LegalBasis.from_dict(b) for b in item.legal_bases or []],
            attachments=item.attachments.all(),
            feedback=item.feedback.all(),
            latest_special=item.latest_special_date() if item.is_open else None,
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        # Text with NUL characters cannot be stored (PostgreSQL); staff input is cleaned of them.
        data = {key: value.replace("\x00", "") for key, value in request.POST.items()}
        action = data.get("action", "")
        try:
            if action == "classify":
                field = LegalField.objects.filter(pk=_int(data.get("field"))).first()
                agency = (
                    Agency.objects.filter(pk=_int(data.get("agency"))).first() if data.get("agency") else None
                )
                workflow.classify(
                    self.item,
                    request.user,
                    category=data.get("category", ""),
                    field=field,
                    agency=agency,
                    promised_at=_datetime(data.get("promised_at")),
                    general_concern=bool(data.get("general_concern")),
                )
            elif action == "forward":
                agency = Agency.objects.filter(pk=_int(data.get("agency"))).first()
                workflow.forward(self.item, request.user, agency=agency, reason=data.get("reason", ""))
            elif action == "out_of_scope":
                workflow.mark_out_of_scope(self.item, request.user, reason=data.get("reason", ""))
            elif action == "violating":
                workflow.mark_violating(self.item, request.user, reason=data.get("reason", ""))
            elif action == "submit_answer":
                form = AnswerForm(data)
                if not form.is_valid():
                    raise workflow.ActionRefused(
                        "; ".join(str(e) for errors in form.errors.values() for e in errors)
                    )
                bases = [
                    {name: data.get(f"basis-{i}-{name}", "")[:500] for name in LegalBasis.FIELDS}
                    for i in range(LEGAL_BASIS_ROWS)
                ]
                workflow.submit_answer(
                    self.item,
                    request.user,
                    answer=form.cleaned_data["answer"],
                    legal_bases=bases,
                    visibility=form.cleaned_data["visibility"],
                )
            elif action == "approve":
                workflow.approve(self.item, request.user)
            elif action == "return_answer":
                workflow.return_answer(self.item, request.user, note=data.get("note", ""))
            else:
                raise workflow.ActionRefused(_("Unknown action."))
        except workflow.ActionRefused as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(request.path)
        messages.success(request, _("Done."))
        return HttpResponseRedirect(request.path)


def _int(value) -> int | None:
    value = str(value or "")
    return int(value) if value.isdigit() and int(value) < 2**31 else None


def _datetime(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(str(value)[:30])
    except ValueError:
        raise workflow.ActionRefused(_("Give the promised date as dd/mm/yyyy hh:mm.")) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    if not can_use(request.user):
        raise PermissionDenied
    item = get_object_or_404(visible_requests(request.user), pk=pk)
    attachment = get_object_or_404(RequestAttachment, pk=attachment_id, request=item)
    log(
        instance=item,
        action="interaction.attachment_opened",
        user=request.user,
        data={"code": item.tracking_code, "file": attachment.original_name},
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


# --- reports ----------------------------------------------------------------------------------------


class ReportView(InteractionAdminMixin, PeriodReportView):
    template_name = "interaction/admin/report.html"
    page_title = gettext_lazy("Questions, petitions and ratings report")

    def prepare(self) -> None:
        kind = self.request.GET.get("kind", CitizenRequest.Kind.QUESTION)
        self.kind = kind if kind in CitizenRequest.Kind.values else CitizenRequest.Kind.QUESTION
        self.filename_stem = "hoi-dap" if self.kind == CitizenRequest.Kind.QUESTION else "phan-anh"
        self.report = build_report(self.period, visible_requests(self.request.user), self.kind)
        self.ratings = rating_rows(self.period, sites_for(self.request.user))

    def sheets(self) -> list[Sheet]:
        header, rows = table(self.report)
        rating_header, rating_body = rating_table(self.ratings)
        title = _("Report: %(period)s") % {"period": self.period.label}
        return [
            Sheet(self.period.key, title, header, rows),
            Sheet(_("Ratings"), title, rating_header, rating_body),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            kinds=CitizenRequest.Kind.choices, kind=getattr(self, "kind", CitizenRequest.Kind.QUESTION)
        )
        return context

    def report_context(self) -> dict:
        header, rows = table(self.report)
        return {
            "header": header,
            "rows": rows,
            "by_field": sorted(self.report.by_field.items()),
            "by_status": sorted(self.report.by_status.items()),
            "ratings": self.ratings,
        }


# --- page feedback ----------------------------------------------------------------------------------


class FeedbackListView(InteractionAdminMixin, TemplateView):
    template_name = "interaction/admin/feedback_list.html"
    page_title = gettext_lazy("Feedback on pages and answers")

    def queryset(self):
        return PageFeedback.objects.filter(feedback_sites_q(self.request.user)).select_related(
            "site", "page", "request"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", PageFeedback.Status.OPEN)
        items = self.queryset()
        if status in PageFeedback.Status.values:
            items = items.filter(status=status)
        context.update(items=items[:200], status=status, statuses=PageFeedback.Status.choices)
        return context

    def post(self, request, *args, **kwargs):
        feedback = get_object_or_404(self.queryset(), pk=_int(request.POST.get("id")) or 0)
        note = (request.POST.get("resolution") or "").replace("\x00", "").strip()
        if not request.user.has_perm("interaction.change_pagefeedback") and not is_provincial(request.user):
            raise PermissionDenied
        if not note:
            messages.error(request, _("Closing feedback needs a resolution note (R71)."))
        else:
            PageFeedback.objects.filter(pk=feedback.pk).update(
                status=PageFeedback.Status.CLOSED,
                resolution=note[:5000],
                closed_by=request.user,
                closed_at=timezone.now(),
            )
            messages.success(request, _("Feedback closed."))
        return HttpResponseRedirect(request.get_full_path())


# --- consultation comments --------------------------------------------------------------------------


class CommentModerationView(InteractionAdminMixin, TemplateView):
    template_name = "interaction/admin/comments.html"
    page_title = gettext_lazy("Comments on drafts")

    def pages(self):
        pages = ConsultationPage.objects.all()
        if not is_provincial(self.request.user):
            roots = [s.root_page for s in sites_for(self.request.user)]
            if not roots:
                return pages.none()
            condition = Q()
            for root in roots:
                condition |= Q(path__startswith=root.path)
            pages = pages.filter(condition)
        return pages

    def queryset(self):
        return ConsultationComment.objects.filter(page__in=self.pages()).select_related("page")

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            page = get_object_or_404(self.pages(), pk=_int(request.GET.get("page")) or 0)
            return _comments_export(page, reveal=may_see_personal_data(request.user))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", ModerationStatus.PENDING)
        items = self.queryset()
        if status in ModerationStatus.values:
            items = items.filter(status=status)
        context.update(
            items=items[:200],
            status=status,
            statuses=ModerationStatus.choices,
            consultations=self.pages().order_by("-closes_at"),
        )
        return context

    def post(self, request, *args, **kwargs):
        comment = get_object_or_404(self.queryset(), pk=_int(request.POST.get("id")) or 0)
        if not request.user.has_perm("interaction.change_consultationcomment") and not is_provincial(
            request.user
        ):
            raise PermissionDenied
        decision = request.POST.get("decision")
        reason = (request.POST.get("reason") or "").replace("\x00", "").strip()
        if decision == "approve":
            ConsultationComment.objects.filter(pk=comment.pk).update(
                status=ModerationStatus.APPROVED, moderated_by=request.user, reason=""
            )
            messages.success(request, _("Comment shown publicly."))
        elif decision == "violating" and reason:
            ConsultationComment.objects.filter(pk=comment.pk).update(
                status=ModerationStatus.VIOLATING, moderated_by=request.user, reason=reason[:2000]
            )
            messages.success(request, _("Comment removed."))
        else:
            messages.error(request, _("Removing a comment needs a reason (R43)."))
        return HttpResponseRedirect(request.get_full_path())


def _comments_export(page: ConsultationPage, reveal: bool) -> HttpResponse:
    """All comments with their times, for the drafting agency (R68)."""
    header = [
        _("Received"),
        _("Name"),
        _("Organisation"),
        _("Email"),
        _("Article"),
        _("Comment"),
        _("Status"),
    ]
    rows = []
    for comment in page.comments.all():
        rows.append(
            [
                local_datetime(comment.created_at),
                comment.name if reveal else comment.public_name,
                comment.organisation,
                comment.email if reveal else mask(comment.email),
                comment.article,
                comment.text,
                comment.get_status_display(),
            ]
        )
    return spreadsheet_response(
        "xlsx", f"gop-y-{page.slug}", [Sheet(_("Comments"), page.title, header, rows)]
    )


def list_url() -> str:
    return reverse("interaction_requests")
