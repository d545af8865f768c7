"""The editorial workflow task and its state (approve, return, reject; four eyes)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, TaskState

from .settings import RejectionReason, reason_choices

# Sent by an editorial task once a decision passed its checks; moderation.workflow applies it.
editorial_decision = Signal()  # task_state, user, action, comment, reasons, checklist


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
        from ..forms import ChecklistForm, RejectForm, ReturnForm  # forms build on these models

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
            from ..forms import ChecklistForm

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
