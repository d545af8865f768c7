"""Admin integration: menu, views, snippets, audit-log actions, and the rules around publishing."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet, SnippetViewSetGroup

from sites.publishing import reason_for_publishing_without_review

from . import corrections
from .access import can_use_moderation_views, own_sites, visible_sites
from .calendar import WorkingCalendar
from .forms import ChecklistForm, RejectForm, ReturnForm
from .gate import is_cleared, is_gated, refusal_message
from .models import (
    CalendarDay,
    CorrectionRequest,
    EditorialTask,
    EditorialTaskState,
    RejectionReason,
    Submission,
)
from .views import (
    CorrectionDetailView,
    CorrectionListView,
    CorrectionRequestView,
    DeadlinesView,
    ForcePublishView,
    ReportView,
)

NEVER_BY_HAND = {"add", "delete"}


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Submission records are opened by the workflow and kept for good (R126): nobody adds or deletes
    them by hand, and each site's staff reach only their own site's records."""

    def user_has_permission(self, user, action):
        return action not in NEVER_BY_HAND and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a not in NEVER_BY_HAND])

    def user_has_permission_for_instance(self, user, action, instance):
        # The provincial board sees every site's records; each site's staff change only their own.
        sites = visible_sites(user) if action == "view" else own_sites(user)
        if action in NEVER_BY_HAND or not sites.filter(pk=instance.site_id).exists():
            return False
        return super().user_has_permission_for_instance(user, action, instance)


# Registered before the snippet viewset below asks for its policy.
register_permission_policy(Submission, SubmissionPermissionPolicy(Submission))


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("moderation/deadlines/", DeadlinesView.as_view(), name="moderation_deadlines"),
        path("moderation/reports/", ReportView.as_view(), name="moderation_reports"),
        path(
            "moderation/force-publish/<int:page_id>/",
            ForcePublishView.as_view(),
            name="moderation_force_publish",
        ),
        path("moderation/corrections/", CorrectionListView.as_view(), name="moderation_corrections"),
        path(
            "moderation/corrections/new/<int:page_id>/",
            CorrectionRequestView.as_view(),
            name="moderation_correction_new",
        ),
        path(
            "moderation/corrections/<int:pk>/", CorrectionDetailView.as_view(), name="moderation_correction"
        ),
    ]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_use_moderation_views(request.user)


# --- submissions: each site's staff see their own site's records only -----------------------------


class SubmissionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(site__in=visible_sites(self.request.user))


class SubmissionEditView(EditView):
    def get_object(self, queryset=None):
        submission = super().get_object(queryset)
        # Reading: the sites the user sees; saving: only their own agencies' sites.
        user = self.request.user
        sites = visible_sites(user) if self.request.method in ("GET", "HEAD") else own_sites(user)
        if not sites.filter(pk=submission.site_id).exists():
            raise PermissionDenied
        return submission


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "doc-full"
    menu_label = _("Submissions")
    index_view_class = SubmissionIndexView
    edit_view_class = SubmissionEditView
    list_display = ["__str__", "site", "category", "status", "received_at", "due_at"]
    list_filter = ["status", "category", "channel"]
    search_fields = ["responsible_name", "providing_agency", "source_reference"]
    ordering = ["-received_at"]


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Working calendar")
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]


class RejectionReasonViewSet(SnippetViewSet):
    model = RejectionReason
    icon = "cross"
    menu_label = _("Rejection reasons")
    list_display = ["code", "label", "clause", "active"]


class ModerationViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Moderation")
    menu_icon = "tasks"
    menu_order = 140
    items = (SubmissionViewSet, CalendarDayViewSet, RejectionReasonViewSet)

    def get_submenu_items(self):
        return [
            ModerationMenuItem(_("Deadlines"), reverse("moderation_deadlines"), icon_name="time", order=1),
            ModerationMenuItem(_("Reports"), reverse("moderation_reports"), icon_name="table", order=2),
            ModerationMenuItem(
                _("Corrections and take-downs"),
                reverse("moderation_corrections"),
                icon_name="warning",
                order=3,
            ),
            *super().get_submenu_items(),
        ]


register_snippet(ModerationViewSetGroup)


@hooks.register("register_page_header_buttons")
def submission_record_button(page, user, view_name, next_url=None):
    submission = Submission.objects.filter(page=page).order_by("-pk").first()
    if submission and visible_sites(user).filter(pk=submission.site_id).exists():
        yield PageMenuItem(
            _("Submission record"),
            reverse("wagtailsnippets_moderation_submission:edit", args=[submission.pk]),
            icon_name="doc-full",
            priority=66,
            page=page,
        )


@hooks.register("register_page_header_buttons")
def correction_button(page, user, view_name, next_url=None):
    """On a live page: the regulated route to correct, withdraw or take it down (R45)."""
    if page.live and page.depth > 1 and corrections.may_request(user, page):
        yield PageMenuItem(
            _("Correct / withdraw / take down"),
            reverse("moderation_correction_new", args=[page.pk]),
            icon_name="warning",
            priority=68,
            page=page,
        )


# --- audit log -------------------------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    @actions.register_action("moderation.returned")
    class ReturnedFormatter(LogFormatter):
        label = _("Moderation: returned for more information")

        def format_message(self, log_entry):
            task = log_entry.data.get("workflow", {}).get("task", {}).get("title", "")
            return _("Returned for more information at “%(task)s”") % {"task": task}

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")

    @actions.register_action("moderation.published_without_review")
    class PublishedWithoutReviewFormatter(LogFormatter):
        label = _("Published without review (not reviewed)")

        def format_message(self, log_entry):
            if log_entry.data.get("kind") == "forced":
                return _("Published by a superuser without review — not reviewed")
            return _("Published by the system without review — not reviewed")

        def format_comment(self, log_entry):
            return log_entry.data.get("reason", "")

    @actions.register_action("moderation.rejected")
    class RejectedFormatter(LogFormatter):
        label = _("Moderation: rejected")

        def format_message(self, log_entry):
            task = log_entry.data.get("workflow", {}).get("task", {}).get("title", "")
            reasons = ", ".join(log_entry.data.get("reasons", []))
            return _("Rejected at “%(task)s”, reasons %(reasons)s (CM26 Art 14.4)") % {
                "task": task,
                "reasons": reasons,
            }

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")


class CorrectionFormatter(LogFormatter):
    """Requests and decisions on a live page (R45): the kind, who asked, the reference and reason."""

    def format_comment(self, log_entry):
        data = log_entry.data
        parts = [data.get("reason", ""), data.get("public_note", ""), data.get("decision_note", "")]
        return " — ".join(part for part in parts if part)

    def kind(self, log_entry) -> str:
        kind = log_entry.data.get("kind", "")
        return str(dict(CorrectionRequest.Kind.choices).get(kind, kind))

    def party(self, log_entry) -> str:
        party = log_entry.data.get("party", "")
        return str(dict(CorrectionRequest.Party.choices).get(party, party))


@hooks.register("register_log_actions")
def register_correction_log_actions(actions):
    @actions.register_action("moderation.change_requested")
    class ChangeRequestedFormatter(CorrectionFormatter):
        label = _("Correction or take-down requested")

        def format_message(self, log_entry):
            return _("Requested: %(kind)s, asked by %(party)s (reference: %(reference)s)") % {
                "kind": self.kind(log_entry),
                "party": self.party(log_entry),
                "reference": log_entry.data.get("reference") or "—",
            }

    @actions.register_action("moderation.change_approved")
    class ChangeApprovedFormatter(CorrectionFormatter):
        label = _("Correction or take-down approved")

        def format_message(self, log_entry):
            return _("Approved by the editorial board: %(kind)s") % {"kind": self.kind(log_entry)}

    @actions.register_action("moderation.change_rejected")
    class ChangeRejectedFormatter(CorrectionFormatter):
        label = _("Correction or take-down rejected")

        def format_message(self, log_entry):
            return _("Rejected by the editorial board: %(kind)s") % {"kind": self.kind(log_entry)}

    @actions.register_action("moderation.emergency_takedown")
    class EmergencyTakedownFormatter(CorrectionFormatter):
        label = _("Emergency take-down")

        def format_message(self, log_entry):
            return _("Taken down at once by the editorial board (emergency), asked by %(party)s") % {
                "party": self.party(log_entry)
            }


# --- publishing only through the workflow ----------------------------------------------------------
# moderation.gate refuses any unapproved revision on the models; these hooks refuse the admin's own
# routes first, with a sentence that says what to do instead.


def _publishes_directly(request, page) -> bool:
    if reason_for_publishing_without_review() is not None:
        return False  # trusted code (or a test's fixtures) publishing: the model gate records it
    return request.method == "POST" and bool(request.POST.get("action-publish")) and is_gated(page)


def _refuse_direct_publish(request) -> None:
    message = refusal_message()
    messages.error(request, message)


@hooks.register("before_edit_page")
def refuse_direct_publish_or_bad_decision(request, page):
    if request.method == "GET":
        _explain_who_decides(request, page)
        _show_where_it_stands(request, page)
    if _publishes_directly(request, page):
        _refuse_direct_publish(request)
        return redirect("wagtailadmin_pages:edit", page.pk)
    # A decision taken from the editor arrives as JSON, without the modal form's validation.
    if request.method == "POST" and request.POST.get("action-workflow-action"):
        forms = {"return": ReturnForm, "reject": RejectForm}
        action = request.POST.get("workflow-action-name", "")
        form_class = forms.get(action)
        task = page.current_workflow_task
        if action == "approve" and task is not None and getattr(task, "step", "") == "review":
            form_class = ChecklistForm
        if form_class:
            try:
                data = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
            except ValueError:
                data = {}
            form = form_class(_as_querydict(data))
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
                return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def _explain_who_decides(request, page) -> None:
    """A board member who may not decide on this item is told why, and who will (four eyes)."""
    task = page.current_workflow_task
    task = task.specific if task is not None else None
    if isinstance(task, EditorialTask):
        reason = task.why_not(page, request.user)
        if reason:
            messages.warning(request, reason)


def standing(submission: Submission) -> dict[str, str] | None:
    """The last return or rejection of a submission, as its submitter should read it (None: none)."""
    if submission.status not in (Submission.Status.RETURNED, Submission.Status.REJECTED):
        return None
    decision = (
        EditorialTaskState.objects.filter(workflow_state=submission.workflow_state)
        .exclude(outcome="")
        .order_by("-finished_at")
        .first()
    )
    if decision is None:
        return None
    if decision.outcome == EditorialTaskState.Outcome.REJECTED:
        labels = dict(RejectionReason.objects.values_list("code", "label"))
        reasons = "; ".join(f"{code}) {labels.get(code, code)}" for code in decision.reasons)
        title = _("Rejected — reasons: %(reasons)s") % {"reasons": reasons}
    else:
        title = _("Returned for more information")
    note = _("%(comment)s Edit the page, then press “Resubmit” (Gửi lại).") % {
        "comment": decision.comment or ""
    }
    return {"decision": str(title), "note": str(note).strip(), "page_id": submission.page_id}


def _show_where_it_stands(request, page) -> None:
    """At the top of the edit screen: the return note or rejection reasons, or the due time."""
    submission = Submission.objects.filter(page=page).order_by("-pk").first()
    if submission is None or not visible_sites(request.user).filter(pk=submission.site_id).exists():
        return
    if (state := standing(submission)) is not None:
        messages.warning(request, f"{state['decision']}. {state['note']}")
    elif submission.status == Submission.Status.IN_REVIEW and submission.due_at:
        due = date_format(timezone.localtime(submission.due_at), "d/m/Y H:i")
        messages.info(
            request,
            _("In review (%(type)s); due %(due)s.") % {"type": submission.get_category_display(), "due": due},
        )


@hooks.register("before_create_page")
def refuse_direct_publish_on_create(request, parent_page, page_class):
    if _publishes_directly(request, parent_page):
        _refuse_direct_publish(request)
        return redirect(
            "wagtailadmin_pages:add", page_class._meta.app_label, page_class._meta.model_name, parent_page.pk
        )
    return None


@hooks.register("before_copy_page")
def refuse_live_copies(request, page):
    """A copy is a new page: it goes live through its own workflow, never as a "published copy"."""
    if request.method == "POST" and request.POST.get("publish_copies") and is_gated(page):
        _refuse_direct_publish(request)
        return redirect("wagtailadmin_pages:copy", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    """Bulk publishing never makes an unapproved revision live (even for superusers: they force-publish
    one page at a time, with a reason)."""
    if action_type != "publish" or request.method != "POST":
        return None
    blocked = [
        obj
        for obj in objects
        if isinstance(obj, Page) and is_gated(obj) and not is_cleared(obj, obj.get_latest_revision())
    ]
    if blocked:
        _refuse_direct_publish(request)
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None


class ResubmitMenuItem(SubmitForModerationMenuItem):
    """After a return or rejection: one clear "Gửi lại" (Wagtail's own label names the task instead)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page else None
        if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Resubmit")
        return context


@hooks.register("construct_page_action_menu")
def hide_publish_button(menu_items, request, context):
    page = context.get("parent_page") if context.get("view") == "create" else context.get("page")
    if page is None or not is_gated(page):
        return
    menu_items[:] = [
        ResubmitMenuItem(order=item.order) if item.name == "action-submit" else item
        for item in menu_items
        if item.name != "action-publish"
    ]


@hooks.register("register_page_header_buttons")
def force_publish_button(page, user, view_name, next_url=None):
    if user.is_superuser and is_gated(page) and page.get_latest_revision() is not None:
        yield PageMenuItem(
            _("Publish without review"),
            reverse("moderation_force_publish", args=[page.pk]),
            icon_name="warning",
            priority=67,
            page=page,
        )


def _as_querydict(data: dict):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, [str(v) for v in value])
        else:
            query[key] = str(value)
    return query


# --- dashboard --------------------------------------------------------------------------------------


class DeadlinesPanel(Component):
    """On the admin home: how many of the user's sites' items are overdue or due within 2 working days."""

    name = "moderation_deadlines"
    template_name = "moderation/home_deadlines_panel.html"
    order = 205

    def __init__(self, overdue: int, due_soon: int) -> None:
        self.overdue, self.due_soon = overdue, due_soon

    def get_context_data(self, parent_context):
        return {"overdue": self.overdue, "due_soon": self.due_soon, "url": reverse("moderation_deadlines")}


class ReturnedPanel(Component):
    """On the admin home: the user's own submissions that came back, with the note or reasons."""

    name = "moderation_returned"
    template_name = "moderation/home_returned_panel.html"
    order = 204

    def __init__(self, items: list[dict]) -> None:
        self.items = items

    def get_context_data(self, parent_context):
        return {"items": self.items}


@hooks.register("construct_homepage_panels")
def add_returned_panel(request, panels) -> None:
    items = []
    for submission in Submission.objects.filter(
        submitted_by=request.user, status__in=[Submission.Status.RETURNED, Submission.Status.REJECTED]
    ).select_related("page")[:20]:
        if (state := standing(submission)) is not None:
            items.append({**state, "title": submission.page.get_admin_display_title()})
    if items:
        panels.append(ReturnedPanel(items))


@hooks.register("construct_homepage_panels")
def add_deadlines_panel(request, panels) -> None:
    if not can_use_moderation_views(request.user):
        return
    now = timezone.now()
    submissions = Submission.objects.filter(site__in=visible_sites(request.user))
    soon = WorkingCalendar.current().add_working_days(now, 2)
    overdue, due_soon = submissions.overdue(now).count(), submissions.due_soon(soon, now).count()
    if overdue or due_soon:
        panels.append(DeadlinesPanel(overdue, due_soon))


@hooks.register("cong_my_work")
def my_moderation_work(request):
    """The editorial part of the home page's "My work" panel (sites.dashboard)."""
    from wagtail.models import TaskState

    from sites.dashboard import MyWorkSection, WorkRow

    user = request.user
    if not can_use_moderation_views(user):
        return None
    my_tasks = EditorialTask.objects.filter(groups__in=user.groups.all()).values("pk")
    waiting = (
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task_id__in=my_tasks)
        .exclude(workflow_state__requested_by=user)
        .count()
    )
    decided = [Submission.Status.RETURNED, Submission.Status.REJECTED]
    deadlines = reverse("moderation_deadlines")
    return MyWorkSection(
        _("Editorial work"),
        [
            WorkRow(_("Waiting for my review"), waiting, reverse("wagtailadmin_home") + "#awaiting-review"),
            WorkRow(
                _("Overdue on my sites"),
                Submission.objects.filter(site__in=visible_sites(user)).overdue().count(),
                f"{deadlines}?show=overdue",
                urgent=True,
            ),
            WorkRow(
                _("Returned to me"),
                Submission.objects.filter(submitted_by=user, status__in=decided).count(),
                f"{reverse('wagtailsnippets_moderation_submission:list')}?status=returned",
                urgent=True,
            ),
            WorkRow(
                _("Corrections and take-downs waiting"),
                sum(
                    1
                    for item in corrections.requests_for(user).filter(status=CorrectionRequest.Status.PENDING)
                    if corrections.why_not_decide(user, item) is None
                ),
                reverse("moderation_corrections"),
                urgent=True,
            ),
            WorkRow(
                _("Returned by me"),
                Submission.objects.filter(decided_by=user, status__in=decided).count(),
                reverse("wagtailsnippets_moderation_submission:list"),
            ),
        ],
        order=10,
    )
