"""Editorial moderation: the workflow tasks, the submission record, deadlines and their settings."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.forms import TaskStateCommentForm
from wagtail.log_actions import log
from wagtail.models import (
    AbstractGroupApprovalTask,
    Orderable,
    Page,
    Revision,
    Site,
    TaskState,
    WorkflowState,
)

from .calendar import WorkingCalendar, parse_sessions

# Sent by an editorial task once a decision passed its checks; moderation.workflow applies it.
editorial_decision = Signal()  # task_state, user, action, comment, reasons, checklist


class SLACategory(models.TextChoices):
    """Information types with their own deadline (CM26 Art 13.1; R55 for the rest)."""

    NEWS = "news", _("Direction, news and events")
    DISSEMINATION = "dissemination", _("Policy and law dissemination")
    LEGAL = "legal", _("Legal documents and documents to disseminate")
    PLANS = "plans", _("Strategies, plans, projects, investment, bids and procurement")
    STATISTICS = "statistics", _("Statistics")
    SCIENCE = "science", _("Science programmes and projects")
    OTHER = "other", _("Other information")


def profile_choices() -> list[tuple[str, str]]:
    from .information import PROFILES

    return [(key, f"{profile.name} ({profile.regulation})") for key, profile in PROFILES.items()]


def default_profile() -> str:
    return getattr(settings, "CONG_PROVINCE_PROFILE", "camau-2026")


@register_setting(icon="time")
class ModerationSettings(BaseGenericSetting):
    """The province's editorial rules: its profile (deadlines per information type, quota), working hours
    and reminders (R50, R114). Page types declare their information type (moderation.information)."""

    profile = models.CharField(
        _("province profile"),
        max_length=40,
        choices=profile_choices,
        default=default_profile,
        help_text=_("The regulation whose deadlines and monthly quota apply."),
    )
    working_hours = models.CharField(
        _("working hours"),
        max_length=100,
        default="08:00-17:00",
        help_text=_("Sessions separated by commas, e.g. “07:30-11:30, 13:30-17:00”."),
    )
    restart_clock_on_resubmit = models.BooleanField(
        _("deadline restarts on resubmission"),
        default=True,
        help_text=_("After a return for more information, count the deadline again from the resubmission."),
    )
    reminder_working_hours = models.PositiveSmallIntegerField(
        _("reminder before the deadline (working hours)"), default=8
    )
    page_categories = models.JSONField(
        _("information type per page type"),
        default=dict,
        blank=True,
        help_text=_(
            "Overrides what a page type declares: maps “app_label.modelname” to an information type (news, "
            'dissemination, legal, plans, statistics, science, other), e.g. {"cms.standardpage": "legal"}.'
        ),
    )

    panels = [
        FieldPanel("profile"),
        MultiFieldPanel(
            [
                FieldPanel("working_hours"),
                FieldPanel("restart_clock_on_resubmit"),
                FieldPanel("reminder_working_hours"),
            ],
            heading=_("Deadlines"),
        ),
        FieldPanel("page_categories"),
    ]

    class Meta:
        verbose_name = _("moderation rules")

    def clean(self) -> None:
        errors = {}
        try:
            parse_sessions(self.working_hours)
        except ValueError as error:
            errors["working_hours"] = str(error)
        if not isinstance(self.page_categories, dict):
            errors["page_categories"] = _("Give an object mapping page types to information types.")
        else:
            wrong = [v for v in self.page_categories.values() if v not in SLACategory.values]
            if wrong:
                errors["page_categories"] = _("Unknown information types: %(types)s.") % {
                    "types": ", ".join(map(str, wrong))
                }
        if errors:
            raise ValidationError(errors)

    @property
    def province_profile(self):
        from .information import CA_MAU_2026, PROFILES

        return PROFILES.get(self.profile, CA_MAU_2026)

    def category_for(self, page_model: type[Page]) -> str:
        """The information type a page type declares, unless these settings map it to another."""
        from .information import declared_type

        key = page_model._meta.label_lower
        if key in (self.page_categories or {}):
            return str(self.page_categories[key])
        return declared_type(page_model) or SLACategory.OTHER

    def due_at(self, category: str, received: dt.datetime, page: Page | None = None) -> dt.datetime | None:
        """The due time of an item of this type received at `received` (counted from the page's own date
        when the profile's rule says so)."""
        from .information import clock_start

        rule = self.province_profile.rule_for(category)
        start = clock_start(page, rule, received) if page is not None else received
        return rule.due(start, WorkingCalendar.current())


class CalendarDay(models.Model):
    """A day the Government moves: an extra day off, or a Saturday/Sunday worked in exchange (R49)."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Make-up working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("reason"), max_length=255, help_text=_("E.g. the announcement it comes from."))

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        verbose_name = _("working calendar day")
        verbose_name_plural = _("working calendar days")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.get_kind_display()} · {self.name}"


class RejectionReason(models.Model):
    """The regulated reasons for refusing to publish (CM26 Art 14.4); the province may add or retire some."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    label = models.CharField(_("reason"), max_length=255)
    clause = models.CharField(_("legal basis"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("label"),
        FieldPanel("clause"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code}) {self.label}"


# --- workflow -----------------------------------------------------------------------------------


def reason_choices() -> list[tuple[str, str]]:
    return [(r.code, str(r)) for r in RejectionReason.objects.filter(active=True)]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What is missing or needs clarifying"),
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Say what the submitter must add or clarify.")},
    )


class RejectForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("Reasons (CM26 Art 14.4)"),
        widget=forms.CheckboxSelectMultiple,
        choices=reason_choices,
        required=False,
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea({"rows": 3}), required=False)

    def clean_reasons(self) -> list[str]:
        reasons = self.cleaned_data.get("reasons") or []
        if not reasons:
            raise ValidationError(
                _("A rejection needs at least one reason from the regulated list (CM26 Art 14.4)."),
                code="no_reason",
            )
        return reasons


class ChecklistForm(forms.Form):
    """The verification step's checklist (CM26 Art 12.3.a, 14.1; R40): every point must be ticked."""

    source_verified = forms.BooleanField(label=_("The origin of the information is verified"))
    lawful = forms.BooleanField(label=_("It is lawful and follows the province's information policy"))
    accurate = forms.BooleanField(label=_("It is accurate and complete"))
    not_confidential = forms.BooleanField(label=_("It is not a state secret and may be made public"))
    right_field = forms.BooleanField(label=_("It is within the providing unit's field"))
    format_ok = forms.BooleanField(label=_("It meets the required technical standards and format"))
    comment = forms.CharField(
        label=_("Verification note"), widget=forms.Textarea({"rows": 2}), required=False
    )

    CHECKS = ("source_verified", "lawful", "accurate", "not_confidential", "right_field", "format_ok")

    @classmethod
    def is_complete(cls, data: dict) -> bool:
        return all(str(data.get(name, "")).lower() in {"true", "on", "1"} for name in cls.CHECKS)


class EditorialTaskState(TaskState):
    """A task state that also records how a negative decision was meant and why."""

    class Outcome(models.TextChoices):
        RETURNED = "returned", _("Returned for more information")
        REJECTED = "rejected", _("Rejected")

    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    reasons = models.JSONField(_("rejection reasons"), default=list, blank=True)
    checklist = models.JSONField(_("verification checklist"), default=dict, blank=True)

    class Meta:
        verbose_name = _("editorial task state")

    def get_comment(self) -> str:
        if self.outcome == self.Outcome.REJECTED:
            labels = dict(RejectionReason.objects.values_list("code", "label"))
            reasons = "; ".join(labels.get(code, code) for code in self.reasons)
            return _("Rejected — %(reasons)s. %(comment)s") % {"reasons": reasons, "comment": self.comment}
        if self.outcome == self.Outcome.RETURNED:
            return _("Returned for more information: %(comment)s") % {"comment": self.comment}
        return self.comment

    def correction(self) -> dict[str, int] | None:
        """The reviewer corrected the text during this step: the revisions before and after, so the next
        step (and the history) can show the difference."""
        latest = self.revision.as_object().get_latest_revision() if self.revision_id else None
        if latest is None or latest.pk == self.revision_id:
            return None
        return {"from": self.revision_id, "to": latest.pk}

    def log_state_change_action(self, user, action: str) -> None:
        """Returns and rejections get their own audit-log actions, with the reasons in the data;
        a verification's ticked checklist is kept in its approval entry (R40)."""
        corrected = self.correction()
        if action == "approve" and (self.checklist or corrected):
            next_task = self.workflow_state.get_next_task()
            log(
                instance=self.revision.as_object(),
                action="wagtail.workflow.approve",
                user=user,
                revision=self.revision,
                data={
                    "workflow": {
                        "id": self.workflow_state.workflow_id,
                        "title": self.workflow_state.workflow.name,
                        "status": self.status,
                        "task_state_id": self.id,
                        "task": {"id": self.task_id, "title": self.task.name},
                        "next": {"id": next_task.id, "title": next_task.name} if next_task else None,
                    },
                    "checklist": self.checklist,
                    "comment": self.comment,
                    "correction": corrected,
                },
            )
            return None
        if action != "reject" or not self.outcome:
            return super().log_state_change_action(user, action)
        log(
            instance=self.revision.as_object(),
            action=f"moderation.{self.outcome}",
            user=user,
            revision=self.revision,
            data={
                "workflow": {
                    "id": self.workflow_state.workflow_id,
                    "title": self.workflow_state.workflow.name,
                    "task_state_id": self.id,
                    "task": {"id": self.task_id, "title": self.task.name},
                },
                "reasons": list(self.reasons),
                "comment": self.comment,
            },
        )


def last_editor_id(obj) -> int | None:
    revision = obj.get_latest_revision()
    return revision.user_id if revision else None


class EditorialTask(AbstractGroupApprovalTask):
    """One step of a site's editorial workflow: verification by editors, or approval by the board.

    Adds "return for more information" and "reject with regulated reasons" to Wagtail's group approval,
    and keeps four eyes without deadlocks (issue 10):

    * the submitter never decides on their own submission;
    * a reviewer may correct the text and still decide (the correction is recorded for the next step);
    * at the approval step the approver differs from whoever verified, when the site has another
      member able to approve (`separate_verifier`, per site);
    * when nobody but the submitter could act, the step escalates to the provincial editorial board.
    """

    class Step(models.TextChoices):
        REVIEW = "review", _("Editing and verification")
        APPROVAL = "approval", _("Approval by the board head or deputies")

    step = models.CharField(_("step"), max_length=20, choices=Step.choices, default=Step.APPROVAL)
    separate_verifier = models.BooleanField(
        _("approver differs from the verifier"),
        default=True,
        help_text=_(
            "At the approval step, whoever verified the item may not also approve it, as long as another "
            "member of the groups can."
        ),
    )

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "step", "separate_verifier"]
    task_state_class = EditorialTaskState

    class Meta:
        verbose_name = _("editorial task")
        verbose_name_plural = _("editorial tasks")

    @classmethod
    def get_description(cls) -> str:
        return _(
            "Members of the chosen groups verify or approve, return for more information, or reject with "
            "reasons; nobody decides on their own submission."
        )

    # --- who may act -----------------------------------------------------------------------------

    def _members(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(groups__in=self.groups.all(), is_active=True).distinct()

    @staticmethod
    def _submitter_id(obj) -> int | None:
        state = obj.current_workflow_state
        return state.requested_by_id if state else None

    @staticmethod
    def _verifier_id(obj) -> int | None:
        """Whoever approved the verification step of the current workflow run."""
        state = obj.current_workflow_state
        if state is None:
            return None
        verified = (
            TaskState.objects.filter(
                workflow_state=state,
                status=TaskState.STATUS_APPROVED,
                task__in=EditorialTask.objects.filter(step=EditorialTask.Step.REVIEW),
            )
            .order_by("-finished_at")
            .values_list("finished_by_id", flat=True)
            .first()
        )
        return verified

    def eligible_actor_ids(self, obj) -> set[int]:
        """Members of the groups who may decide at this step on this object (empty: escalate)."""
        submitter = self._submitter_id(obj)
        members = set(self._members().exclude(pk=submitter).values_list("pk", flat=True))
        if self.step == self.Step.APPROVAL and self.separate_verifier:
            verifier = self._verifier_id(obj)
            if verifier in members and len(members) > 1:
                members.discard(verifier)
        return members

    def escalated(self, obj) -> bool:
        return not self.eligible_actor_ids(obj)

    @staticmethod
    def provincial_board_ids() -> set[int]:
        from django.contrib.auth import get_user_model

        from sites.models import Agency, AgencyGroup

        return set(
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__agency_role__agency__kind=Agency.Kind.PROVINCE,
                groups__agency_role__role=AgencyGroup.Role.BOARD,
            )
            .values_list("pk", flat=True)
        )

    def actor_ids(self, obj) -> set[int]:
        """Who may act now: the eligible members, or the provincial board when there are none."""
        eligible = self.eligible_actor_ids(obj)
        if eligible:
            return eligible
        return self.provincial_board_ids() - {self._submitter_id(obj)}

    def may_act(self, obj, user) -> bool:
        if user.pk == self._submitter_id(obj):
            return False
        return user.is_superuser or user.pk in self.actor_ids(obj)

    def why_not(self, obj, user) -> str | None:
        """A sentence for a member of the groups who cannot act now; None when they can (or are not one)."""
        if self.may_act(obj, user) or not self._user_in_groups(user):
            return None
        if user.pk == self._submitter_id(obj):
            return _(
                "You submitted this page, so another member of the editorial board must review it "
                "(four eyes, CM26 Art 12). You will be told of the decision."
            )
        if user.pk == self._verifier_id(obj):
            return _(
                "You verified this page; another member of the board approves it. If you corrected the "
                "text, your changes are shown to them."
            )
        return _("This step waits for another member of the editorial board.")

    def is_own_work(self, obj, user) -> bool:
        """Kept for callers: the submitter's own item (editing it during review is allowed)."""
        return user.pk == self._submitter_id(obj)

    def user_can_access_editor(self, obj, user) -> bool:
        return user.is_superuser or self._user_in_groups(user) or self.may_act(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """The dashboard's "awaiting your review": the items this user may decide on now, escalated
        items included for the provincial board."""
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        allowed = [
            state.pk
            for state in states.select_related("workflow_state")
            if self.may_act(state.workflow_state.content_object, user)
        ]
        return TaskState.objects.filter(pk__in=allowed)

    def get_actions(self, obj, user) -> list[tuple[str, str, bool]]:
        if not self.may_act(obj, user):
            return []
        if self.step == self.Step.REVIEW:
            # Verification always goes through the checklist form.
            approvals = [("approve", _("Verified: send for approval"), True)]
        else:
            approvals = [("approve", _("Approve"), False), ("approve", _("Approve with comment"), True)]
        return [
            *approvals,
            ("return", _("Return for more information"), True),
            ("reject", _("Reject with reasons"), True),
        ]

    def get_form_for_action(self, action: str):
        if action == "return":
            return ReturnForm
        if action == "reject":
            return RejectForm
        if action == "approve" and self.step == self.Step.REVIEW:
            return ChecklistForm
        return TaskStateCommentForm

    def get_template_for_action(self, action: str) -> str:
        return ""

    def on_action(self, task_state, user, action_name: str, **kwargs):
        obj = task_state.revision.as_object()
        if action_name not in {name for name, _label, _modal in self.get_actions(obj, user)}:
            raise PermissionDenied
        comment = (kwargs.get("comment") or "").strip()
        if action_name == "return" and not comment:
            raise PermissionDenied(_("Say what the submitter must add or clarify."))
        checklist = {}
        if action_name == "approve" and self.step == self.Step.REVIEW:
            if not ChecklistForm.is_complete(kwargs):
                raise PermissionDenied(
                    _("Tick every point of the verification checklist before sending it on.")
                )
            checklist = dict.fromkeys(ChecklistForm.CHECKS, True)
        reasons = []
        if action_name == "reject":
            valid = {code for code, _label in reason_choices()}
            reasons = [code for code in kwargs.get("reasons") or [] if code in valid]
            if not reasons:
                raise PermissionDenied(
                    _("A rejection needs at least one reason from the regulated list (CM26 Art 14.4).")
                )
        # moderation.workflow applies the decision (state, audit log, emails); it builds on these models.
        editorial_decision.send(
            sender=type(self),
            task_state=task_state,
            user=user,
            action=action_name,
            comment=comment,
            reasons=reasons,
            checklist=checklist,
        )
        return None


# --- submissions --------------------------------------------------------------------------------


class SubmissionQuerySet(models.QuerySet):
    def open(self) -> SubmissionQuerySet:
        return self.filter(status__in=Submission.OPEN_STATUSES)

    def for_sites(self, sites) -> SubmissionQuerySet:
        return self.filter(site__in=sites)

    def running(self) -> SubmissionQuerySet:
        """Items the board holds now: their deadline is running."""
        return self.filter(status__in=Submission.RUNNING_STATUSES, due_at__isnull=False)

    def overdue(self, now: dt.datetime | None = None) -> SubmissionQuerySet:
        return self.running().filter(due_at__lt=now or timezone.now())

    def due_soon(self, until: dt.datetime, now: dt.datetime | None = None) -> SubmissionQuerySet:
        return self.running().filter(due_at__gte=now or timezone.now(), due_at__lte=until)


class Submission(ClusterableModel):
    """The dossier behind a page in moderation (CM26 Art 12.2.b; R38): who provides it, from where, when.

    Created when a page is first submitted to its site's workflow and kept with the page's workflow
    state and the revision under review; the editor completes it in the admin.
    """

    class Channel(models.TextChoices):
        PAPER = "paper", _("Paper document")
        DOCUMENT_SYSTEM = "document_system", _("Document management system")
        EMAIL = "email", _("Email to the editorial board")
        EDITOR = "editor", _("Written in the portal's editor")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        IN_REVIEW = "in_review", _("In review")
        RETURNED = "returned", _("Returned for more information")
        REJECTED = "rejected", _("Rejected")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.IN_REVIEW, Status.RETURNED, Status.REJECTED)
    # The clock only runs while the board holds the item.
    RUNNING_STATUSES = (Status.IN_REVIEW,)

    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="moderation_submissions"
    )
    workflow_state = models.ForeignKey(
        WorkflowState,
        verbose_name=_("workflow"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.CharField(_("information type"), max_length=20, choices=SLACategory.choices)
    channel = models.CharField(
        _("received through"), max_length=20, choices=Channel.choices, default=Channel.EDITOR
    )
    source_reference = models.CharField(
        _("source reference"), max_length=255, blank=True, help_text=_("Document number, email subject …")
    )
    providing_agency = models.CharField(_("providing agency"), max_length=255, blank=True)
    responsible_name = models.CharField(_("person responsible"), max_length=255)
    responsible_position = models.CharField(_("position"), max_length=255, blank=True)
    responsible_phone = models.CharField(_("phone"), max_length=50, blank=True)
    responsible_email = models.EmailField(_("email"), blank=True)
    received_at = models.DateTimeField(_("received at"), help_text=_("The deadline counts from this moment."))
    note = models.TextField(_("note"), blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_REVIEW)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    resubmitted_at = models.DateTimeField(_("resubmitted at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reasons = models.JSONField(_("rejection reasons"), default=list, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True)
    reminder_sent_for = models.DateTimeField(null=True, blank=True, editable=False)
    escalation_sent_for = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubmissionQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("channel"), FieldPanel("received_at")]),
                FieldPanel("source_reference"),
                FieldPanel("category"),
            ],
            heading=_("Receipt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("providing_agency"),
                FieldRowPanel([FieldPanel("responsible_name"), FieldPanel("responsible_position")]),
                FieldRowPanel([FieldPanel("responsible_phone"), FieldPanel("responsible_email")]),
            ],
            heading=_("Responsible provider"),
        ),
        InlinePanel("attachments", label=_("Attachments")),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["due_at", "-received_at"]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return self.page.get_admin_display_title()

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in self.RUNNING_STATUSES and self.due_at is not None and self.due_at < timezone.now()
        )

    def recompute_due(self) -> None:
        start = self.received_at
        rules = ModerationSettings.load()
        if self.resubmitted_at and rules.restart_clock_on_resubmit:
            start = self.resubmitted_at
        page = self.revision.as_object() if self.revision_id else self.page.specific
        self.due_at = rules.due_at(self.category, start, page)

    def save(self, *args, **kwargs):
        if self.received_at:
            self.recompute_due()
        super().save(*args, **kwargs)


class SubmissionAttachment(Orderable):
    submission = ParentalKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")


# --- the publication gate -----------------------------------------------------------------------


class PublicationClearance(models.Model):
    """Why a revision may go live: its workflow approved it, a superuser forced it with a reason, or trusted
    code (demo data, an import meeting R22) published it and said why. moderation.gate refuses the rest."""

    class Kind(models.TextChoices):
        WORKFLOW = "workflow", _("Approved by the editorial workflow")
        FORCED = "forced", _("Published by a superuser without review")
        SYSTEM = "system", _("Published by the system without review")

    revision = models.ForeignKey(
        Revision, verbose_name=_("revision"), on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="publication_clearances"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    workflow_state = models.ForeignKey(
        WorkflowState, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("publication clearance")
        verbose_name_plural = _("publication clearances")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.page_id} · {self.created_at:%d/%m/%Y %H:%M}"


# --- corrections, withdrawals and take-downs of live pages (R45) ----------------------------------


class CorrectionRequest(models.Model):
    """A request to correct, withdraw or take down a live page, and the board's decision on it (R45).

    A correction shows a dated note on the page; a withdrawal keeps the page public under a banner with
    the date and reason, until a later approved reinstatement lifts it; a take-down unpublishes it (the public address answers 410 with a notice) and
    keeps it in the admin with every revision (R126). moderation.corrections carries them out.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction (a dated note on the page)")
        WITHDRAWAL = "withdrawal", _("Withdrawal (the page stays, under a banner)")
        TAKEDOWN = "takedown", _("Take-down (the page is unpublished)")
        REINSTATEMENT = "reinstatement", _("Lifting a withdrawal (the banner is removed)")

    class Party(models.TextChoices):
        AUTHORITY = "authority", _("A competent authority")
        BOARD = "board", _("The editorial board")
        PROVIDER = "provider", _("The information provider")
        PUBLIC = "public", _("The public")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the board")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="correction_requests"
    )
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("live revision when requested"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    requested_by_party = models.CharField(_("requested by"), max_length=20, choices=Party.choices)
    reference = models.CharField(
        _("request reference"), max_length=255, blank=True, help_text=_("Document number, date, sender …")
    )
    reason = models.TextField(_("reason"))
    public_note = models.TextField(_("public note"), blank=True)
    emergency = models.BooleanField(_("emergency take-down"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("filed at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    # The page's public path when it was taken down: its address answers 410 with the notice.
    public_path = models.CharField(max_length=1000, blank=True, editable=False)

    class Meta:
        verbose_name = _("correction or take-down request")
        verbose_name_plural = _("corrections and take-downs")
        ordering = ["-requested_at"]
        indexes = [
            models.Index(fields=["status", "site"]),
            models.Index(fields=["page", "status"]),
            models.Index(fields=["public_path"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.page.get_admin_display_title()}"
