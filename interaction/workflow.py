"""How a question or petition moves (R59–R63): receive → classify/assign | forward → draft → approve →
answered (public or private). The only exits without an answer are "violating" (R43, with a reason) and
"out of scope" (R63, asker notified); there is no close or ignore action.

Every function checks who may act, validates, writes in one transaction, records a RequestEvent and
queues the emails after commit. Admin views, the demo loader and tests all go through here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from sites.models import Agency, AgencyGroup
from sites.publishing import publishing_without_review
from sites.visibility import is_provincial

from . import notify
from .deadlines import due_after
from .models import (
    AnswerPage,
    CitizenRequest,
    LegalBasis,
    PetitionIndexPage,
    QuestionIndexPage,
    RequestEvent,
)

Status = CitizenRequest.Status
Action = RequestEvent.Action


class ActionRefused(Exception):
    """A workflow step refused, with a sentence for the person who tried."""


@dataclass(frozen=True)
class ActionInfo:
    name: str
    label: str


def _roles(user, agency: Agency) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(AgencyGroup.objects.filter(agency=agency, group__user=user).values_list("role", flat=True))


def can_route(user, item: CitizenRequest) -> bool:
    """Classify, assign, forward, or take one of the two exits: the handling agency's board and admins."""
    return is_provincial(user) or bool(
        _roles(user, item.agency) & {AgencyGroup.Role.BOARD, AgencyGroup.Role.ADMINS}
    )


def can_draft(user, item: CitizenRequest) -> bool:
    return is_provincial(user) or bool(
        _roles(user, item.agency) & {AgencyGroup.Role.EDITORS, AgencyGroup.Role.BOARD}
    )


def can_approve(user, item: CitizenRequest) -> bool:
    """The head or a person authorised by the head (HN19 Art 10.6, R17): the agency's board; never the
    person who drafted the answer."""
    if user.is_superuser:
        return True
    if item.drafted_by_id == user.pk:
        return False
    return AgencyGroup.Role.BOARD in _roles(user, item.agency) or (
        is_provincial(user) and item.agency.is_portal
    )


def available_actions(user, item: CitizenRequest) -> list[str]:
    actions: list[str] = []
    if item.status in (Status.RECEIVED, Status.FORWARDED, Status.IN_PROGRESS) and can_route(user, item):
        actions += ["classify", "forward", "out_of_scope", "violating"]
    if item.status == Status.IN_PROGRESS and can_draft(user, item):
        actions.append("submit_answer")
    if item.status == Status.APPROVING and can_approve(user, item):
        actions += ["approve", "return_answer"]
    return actions


def _require(user, item: CitizenRequest, action: str) -> None:
    if action not in available_actions(user, item):
        raise ActionRefused(_("You cannot do this on this item in its current state."))


def _event(item, action, user=None, note="", from_agency=None, to_agency=None) -> None:
    RequestEvent.objects.create(
        request=item,
        action=action,
        actor=user if user and user.is_authenticated else None,
        note=note,
        from_agency=from_agency,
        to_agency=to_agency,
    )
    log(
        instance=item,
        action=f"interaction.{action}",
        user=user if user and user.is_authenticated else None,
        data={"code": item.tracking_code, "note": note[:500]},
    )


def _locked(item: CitizenRequest) -> CitizenRequest:
    return CitizenRequest.objects.select_for_update().select_related("agency", "site").get(pk=item.pk)


# --- receipt ---------------------------------------------------------------------------------------


def received(item: CitizenRequest) -> None:
    """After the record is written: history, and emails to the asker and to the agency."""
    _event(item, Action.RECEIVED, to_agency=item.agency)
    transaction.on_commit(lambda: (notify.asker_received(item), notify.agency_new_item(item)))


# --- routing ----------------------------------------------------------------------------------------


def classify(
    item: CitizenRequest,
    user,
    *,
    category: str,
    field=None,
    agency: Agency | None = None,
    promised_at: dt.datetime | None = None,
    general_concern: bool = False,
    note: str = "",
) -> CitizenRequest:
    """Set the field and the category (5/10/15 days, R60) and assign to the competent agency."""
    with transaction.atomic():
        item = _locked(item)
        _require(user, item, "classify")
        if category not in CitizenRequest.Category.values:
            raise ActionRefused(_("Choose a category."))
        if item.kind == CitizenRequest.Kind.PETITION:
            category = CitizenRequest.Category.COMPETENCE
        if category == CitizenRequest.Category.SPECIAL:
            if promised_at is None:
                raise ActionRefused(_("A special case needs the answer date promised to the asker."))
            latest = item.latest_special_date()
            if promised_at > latest or promised_at < timezone.now():
                raise ActionRefused(
                    _(
                        "The promised date must be in the future and no later than %(latest)s (15 working days)."
                    )
                    % {"latest": timezone.localtime(latest).strftime("%d/%m/%Y %H:%M")}
                )
        previous = item.agency
        item.category, item.field, item.general_concern = category, field, general_concern
        item.promised_at = promised_at if category == CitizenRequest.Category.SPECIAL else None
        if agency is not None and agency != previous:
            item.agency = agency
            item.arrived_at = timezone.now()
        item.status = Status.IN_PROGRESS
        item.recompute_due()
        item.save()
        _event(item, Action.CLASSIFIED, user, note or item.get_category_display(), previous, item.agency)
        if item.agency != previous:
            transaction.on_commit(lambda: notify.agency_new_item(item))
        return item


def forward(item: CitizenRequest, user, *, agency: Agency, reason: str) -> CitizenRequest:
    """Not competent: send it on within the routing period (1 working day for questions) and tell the
    asker which agency now has it (HN19 Art 18.3.đ, R59)."""
    reason = (reason or "").strip()
    with transaction.atomic():
        item = _locked(item)
        _require(user, item, "forward")
        if agency is None or agency.pk == item.agency_id:
            raise ActionRefused(_("Choose another agency to forward to."))
        if not reason:
            raise ActionRefused(_("Say why the item is forwarded."))
        previous = item.agency
        now = timezone.now()
        item.agency, item.arrived_at, item.status = agency, now, Status.FORWARDED
        rules = item.rules()
        item.forward_due_at = due_after(now, item.routing_days(rules), rules.clock_start)
        item.save()
        _event(item, Action.FORWARDED, user, reason, previous, agency)
        transaction.on_commit(lambda: (notify.asker_forwarded(item, reason), notify.agency_new_item(item)))
        return item


def _exit(item: CitizenRequest, user, action: str, status: str, reason: str) -> CitizenRequest:
    reason = (reason or "").strip()
    with transaction.atomic():
        item = _locked(item)
        _require(user, item, action)
        if not reason:
            raise ActionRefused(_("A reason is required."))
        item.status, item.outcome_reason = status, reason
        item.save()
        _event(item, action, user, reason, item.agency)
        transaction.on_commit(lambda: notify.asker_closed_without_answer(item))
        return item


def mark_out_of_scope(item: CitizenRequest, user, *, reason: str) -> CitizenRequest:
    return _exit(item, user, "out_of_scope", Status.OUT_OF_SCOPE, reason)


def mark_violating(item: CitizenRequest, user, *, reason: str) -> CitizenRequest:
    """R43: never public, not counted as overdue, the reason kept for administrators."""
    return _exit(item, user, "violating", Status.VIOLATING, reason)


# --- answering --------------------------------------------------------------------------------------


def clean_legal_bases(bases: list[dict]) -> list[dict]:
    cleaned = []
    for number, basis in enumerate(bases or [], start=1):
        values = {name: str(basis.get(name, "") or "").strip() for name in LegalBasis.FIELDS}
        if not any(values.values()):
            continue
        if not all(values.values()):
            raise ActionRefused(
                _(
                    "Legal basis %(n)d: give the type, number and symbol, date, issuing authority and summary "
                    "(HN19 Art 10.4)."
                )
                % {"n": number}
            )
        cleaned.append(values)
    return cleaned


def submit_answer(
    item: CitizenRequest, user, *, answer: str, legal_bases: list[dict], visibility: str
) -> CitizenRequest:
    answer = (answer or "").strip()
    with transaction.atomic():
        item = _locked(item)
        _require(user, item, "submit_answer")
        if not answer:
            raise ActionRefused(_("Write the answer."))
        if visibility not in CitizenRequest.Visibility.values:
            raise ActionRefused(_("Choose whether the answer is public or sent privately."))
        if item.general_concern and visibility != CitizenRequest.Visibility.PUBLIC:
            raise ActionRefused(_("A question of general concern must be answered publicly (R62)."))
        if visibility == CitizenRequest.Visibility.PRIVATE and not item.email:
            raise ActionRefused(_("The asker gave no email: the answer can only be published."))
        item.answer, item.legal_bases, item.visibility = answer, clean_legal_bases(legal_bases), visibility
        item.drafted_by, item.status = user, Status.APPROVING
        item.save()
        _event(item, Action.DRAFTED, user, item.get_visibility_display(), item.agency)
        return item


def return_answer(item: CitizenRequest, user, *, note: str) -> CitizenRequest:
    note = (note or "").strip()
    with transaction.atomic():
        item = _locked(item)
        _require(user, item, "return_answer")
        if not note:
            raise ActionRefused(_("Say what must change in the answer."))
        item.status = Status.IN_PROGRESS
        item.save()
        _event(item, Action.RETURNED, user, note, item.agency)
        return item


def approve(item: CitizenRequest, user) -> CitizenRequest:
    """The head or an authorised person approves (R17, R61); a public answer is published on the site
    where it was asked, a private one is emailed (R62)."""
    with transaction.atomic():
        item = _locked(item)
        _require(user, item, "approve")
        item.status, item.approved_by, item.answered_at = Status.ANSWERED, user, timezone.now()
        if item.visibility == CitizenRequest.Visibility.PUBLIC:
            item.answer_page = publish_answer_page(item, user)
        item.save()
        _event(item, Action.APPROVED, user, item.get_visibility_display(), item.agency)
        transaction.on_commit(lambda: notify.asker_answered(item))
        return item


def section_for(item: CitizenRequest) -> Page | None:
    model = PetitionIndexPage if item.kind == CitizenRequest.Kind.PETITION else QuestionIndexPage
    return model.objects.descendant_of(item.site.root_page).first()


def publish_answer_page(item: CitizenRequest, user) -> AnswerPage | None:
    from .provisioning import ensure_sections

    section = section_for(item)
    if section is None:
        with publishing_without_review("Mục Hỏi - Đáp của site (cấp site, như khi cấp phát site)"):
            ensure_sections(item.site)
        section = section_for(item)
    page = AnswerPage(
        title=item.title,
        slug=f"cau-hoi-{item.pk}" if item.kind == CitizenRequest.Kind.QUESTION else f"phan-anh-{item.pk}",
        asker=item.public_name,
        question=item.body,
        answer=item.answer,
        legal_bases=item.legal_bases,
        field=item.field,
        agency=item.agency,
        asked_at=item.received_at,
        answered_at=item.answered_at,
        tracking_code=item.tracking_code,
        live=False,
    )
    section.add_child(instance=page)
    # The approval above is the permission check and the review (R17, R61): the head approved this very
    # answer, so the page goes live under the editorial gate's "reviewed elsewhere" clearance; the
    # approver may sit on another site than the section.
    with publishing_without_review("Câu trả lời đã được người có thẩm quyền duyệt (R17, R61)"):
        page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return page
