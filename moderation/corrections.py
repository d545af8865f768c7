"""Corrections, withdrawals and take-downs of live pages, decided by the editorial board (R45).

Who may do what:

* an editor, board member or administrator of the page's own agency files a request (a correction
  note, a withdrawal under a banner, or a take-down) with who asked for it, the reference and reason;
* a member of that agency's editorial board — the group the site's workflow gives its approval step,
  the "Trưởng/Phó Trưởng ban" — other than whoever filed it decides (four eyes); when the board has
  no such member, the provincial board decides, as the workflow escalates;
* a board member may take a page down at once in an emergency: the request is approved by its own
  filer, marked as an emergency, logged, and still listed for the board.

Agency roles lack Wagtail's publish (and so unpublish) permission; an approved take-down unpublishes
through Wagtail's own unpublish action on the board's behalf. Going offline needs no clearance from the
publication gate (moderation.gate guards only what goes live); the page keeps its revisions and the
record, and goes live again only through its workflow.
"""

from __future__ import annotations

from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.contrib.frontend_cache.utils import purge_page_from_cache
from wagtail.log_actions import log
from wagtail.models import Page, Site

from sites import visibility
from sites.cache import cached_fragment
from sites.models import Agency, AgencyGroup

from .models import CorrectionRequest, EditorialTask

Kind = CorrectionRequest.Kind
Status = CorrectionRequest.Status


class CorrectionRefused(Exception):
    """A request or decision that the rules do not allow; the message says why, in the user's language."""


# --- who may act --------------------------------------------------------------------------------------


def agency_of(page: Page) -> Agency | None:
    site = page.get_site()
    return Agency.objects.filter(site=site).first() if site is not None else None


def may_request(user, page: Page) -> bool:
    """Editors, board members and administrators of the page's own agency (and superusers)."""
    agency = agency_of(page)
    if agency is None or not getattr(user, "is_authenticated", False):
        return False
    return visibility.member_agencies(user, visibility.CONTENT_ROLES).filter(pk=agency.pk).exists()


def requests_for(user) -> QuerySet[CorrectionRequest]:
    """The requests of the user's own agencies' sites (every site for a superuser or the provincial board)."""
    sites = visibility.visible_sites(user, roles=visibility.CONTENT_ROLES)
    return CorrectionRequest.objects.filter(site__in=sites)


def _board_ids(agency: Agency) -> set[int]:
    return set(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__agency_role__agency=agency,
            groups__agency_role__role=AgencyGroup.Role.BOARD,
        )
        .values_list("pk", flat=True)
    )


def is_board_member(user, page: Page) -> bool:
    agency = agency_of(page)
    return bool(agency is not None and user.pk in _board_ids(agency))


def decider_ids(request: CorrectionRequest) -> set[int]:
    """Who may decide: the agency's board but the filer; the provincial board when nobody else is left."""
    agency = Agency.objects.filter(site=request.site).first()
    eligible = (_board_ids(agency) if agency else set()) - {request.requested_by_id}
    return eligible or EditorialTask.provincial_board_ids() - {request.requested_by_id}


def why_not_decide(user, request: CorrectionRequest) -> str | None:
    """None when the user may decide on the request; else a sentence saying why not."""
    if request.status != Status.PENDING:
        return _("This request has already been decided.")
    if user.pk == request.requested_by_id:
        return _(
            "You filed this request, so another member of the editorial board must decide on it "
            "(four eyes, CM26 Art 12)."
        )
    if user.is_superuser or user.pk in decider_ids(request):
        return None
    return _("Only a member of the site's editorial board (Trưởng/Phó Trưởng ban) decides on this request.")


# --- filing and deciding --------------------------------------------------------------------------------


def file_request(
    page: Page,
    user,
    *,
    kind: str,
    requested_by_party: str,
    reason: str,
    reference: str = "",
    public_note: str = "",
    emergency: bool = False,
) -> CorrectionRequest:
    """Record a request on a live page; an emergency take-down by a board member is carried out at once."""
    page = page.specific
    if not may_request(user, page):
        raise CorrectionRefused(
            _("Only the editors, board and administrators of this page's site may do this.")
        )
    if not page.live:
        raise CorrectionRefused(_("Only a page that is online can be corrected, withdrawn or taken down."))
    if kind == Kind.TAKEDOWN:
        refuse_takedown(page)
    if kind == Kind.REINSTATEMENT and active_withdrawal(page) is None:
        raise CorrectionRefused(_("This page is not withdrawn: there is no banner to lift."))
    if emergency and (kind != Kind.TAKEDOWN or not (user.is_superuser or is_board_member(user, page))):
        raise CorrectionRefused(
            _("Only a member of the site's editorial board may take a page down at once, in an emergency.")
        )
    with transaction.atomic():
        request = CorrectionRequest.objects.create(
            page=page,
            site=page.get_site(),
            revision=page.live_revision,
            kind=kind,
            requested_by_party=requested_by_party,
            reference=reference.strip(),
            reason=reason.strip(),
            public_note=public_note.strip(),
            emergency=emergency,
            requested_by=user,
        )
        _log(request, "moderation.change_requested", user)
        if emergency:
            _approve(request, user, _("Emergency take-down by the editorial board."))
    return request


def refuse_takedown(page: Page) -> None:
    if page.depth <= 2:
        raise CorrectionRefused(_("A site's home page cannot be taken down."))
    if page.get_descendants().live().exists():
        raise CorrectionRefused(
            _(
                "This page has sub-pages online. Take them down or move them first: a take-down removes "
                "one item, never a whole section."
            )
        )


def decide(request: CorrectionRequest, user, action: str, note: str = "") -> CorrectionRequest:
    """Approve or reject a pending request (four eyes; see why_not_decide)."""
    with transaction.atomic():
        request = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
        reason = why_not_decide(user, request)
        if reason:
            raise CorrectionRefused(reason)
        if action == "approve":
            _approve(request, user, note)
        elif action == "reject":
            if not note.strip():
                raise CorrectionRefused(_("Say why the request is rejected."))
            request.status = Status.REJECTED
            request.decided_by, request.decided_at = user, timezone.now()
            request.decision_note = note.strip()
            request.save()
            _log(request, "moderation.change_rejected", user)
        else:
            raise ValueError(f"Unknown decision {action!r}")
    return request


def _approve(request: CorrectionRequest, user, note: str) -> None:
    page = request.page.specific
    if request.kind == Kind.TAKEDOWN:
        if not page.live:
            raise CorrectionRefused(_("The page is no longer online."))
        refuse_takedown(page)
        request.public_path = public_path(page)
    if request.kind == Kind.REINSTATEMENT and active_withdrawal(page) is None:
        raise CorrectionRefused(_("This page is not withdrawn any more: there is no banner to lift."))
    request.status = Status.APPROVED
    request.decided_by, request.decided_at = user, timezone.now()
    request.decision_note = (note or "").strip()
    request.save()
    _log(
        request, "moderation.emergency_takedown" if request.emergency else "moderation.change_approved", user
    )
    if request.kind == Kind.TAKEDOWN:
        take_down(page, user)
    else:
        _purge(page)  # the note or banner is part of the page: no visitor may get the cached page


def take_down(page: Page, user) -> None:
    """Unpublish on the board's behalf (agency roles have no unpublish permission of their own); a
    newer draft in moderation is cancelled, so it cannot bring the page back by itself."""
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)


def public_path(page: Page) -> str:
    parts = page.get_url_parts()
    return unquote(parts[2]) if parts else ""


def _purge(page: Page) -> None:
    # Through Wagtail's frontend cache (the page cache is one of its backends, a proxy or CDN another):
    # the note or banner changes this page only, and `caching` stays above every app.
    purge_page_from_cache(page)


def _log(request: CorrectionRequest, action: str, user) -> None:
    log(
        instance=request.page.specific,
        action=action,
        user=user,
        data={
            "request_id": request.pk,
            "kind": request.kind,
            "party": request.requested_by_party,
            "reference": request.reference,
            "reason": request.reason,
            "public_note": request.public_note,
            "emergency": request.emergency,
            "decision_note": request.decision_note,
        },
    )


# --- what the public sees -------------------------------------------------------------------------------


PUBLIC_KINDS = (Kind.CORRECTION, Kind.WITHDRAWAL, Kind.REINSTATEMENT)


def pages_with_notices() -> frozenset[int]:
    """Ids of the pages with an approved correction, withdrawal or reinstatement. Kept as a fragment
    (sites.cache) that every correction request's save or delete replaces (moderation.receivers): the
    great majority of pages carry none, and each public page asked the database on every view."""
    return cached_fragment(
        "pages-with-notices",
        lambda: frozenset(
            CorrectionRequest.objects.filter(status=Status.APPROVED, kind__in=PUBLIC_KINDS).values_list(
                "page_id", flat=True
            )
        ),
    )


def public_notices(page: Page) -> dict:
    """The approved corrections (oldest first) and the withdrawal in force on this very page."""
    if page.pk not in pages_with_notices():
        return {"corrections": [], "withdrawal": None}
    return public_notices_of([page.pk])[page.pk]


def public_notices_of(page_ids: list[int]) -> dict[int, dict]:
    """``public_notices`` of many pages in one query (the open-data API lists pages by the hundred)."""
    notices = {pk: {"corrections": [], "withdrawal": None} for pk in page_ids}
    approved = CorrectionRequest.objects.filter(
        page_id__in=page_ids, status=Status.APPROVED, kind__in=PUBLIC_KINDS
    ).order_by("decided_at", "pk")
    for request in approved:
        entry = notices[request.page_id]
        if request.kind == Kind.CORRECTION:
            entry["corrections"].append(request)
        else:
            # In decision order the last withdrawal or reinstatement wins: a reinstatement lifts it.
            entry["withdrawal"] = request if request.kind == Kind.WITHDRAWAL else None
    return notices


def active_withdrawal(page: Page) -> CorrectionRequest | None:
    """The latest approved withdrawal, unless an approved reinstatement came after it."""
    return public_notices(page)["withdrawal"]


def taken_down_at(site: Site, path: str) -> CorrectionRequest | None:
    """The take-down behind a public address that no longer serves a page (None: an ordinary 404)."""
    return (
        CorrectionRequest.objects.filter(
            kind=Kind.TAKEDOWN, status=Status.APPROVED, site=site, public_path=path, page__live=False
        )
        .select_related("page")
        .order_by("-decided_at")
        .first()
    )
