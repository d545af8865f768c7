"""Emails about citizens' requests, through the project's one email helper (sites.notifications): to the
asker on receipt and every state change (R64), to the agency when an item arrives, and reminders and
escalations before and after deadlines (R51 pattern). Templates: interaction/email/*.txt."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from moderation.workflow import portal_board_recipients, site_recipients
from sites.models import AgencyGroup
from sites.notifications import notify
from sites.public_urls import absolute_url, page_url

from .models import CitizenRequest, LegalBasis


def tracking_url(item: CitizenRequest) -> str:
    """The public status page on the site the asker used, with the code filled in."""
    from .models import PetitionIndexPage, QuestionIndexPage

    section_model = PetitionIndexPage if item.kind == CitizenRequest.Kind.PETITION else QuestionIndexPage
    section = section_model.objects.live().descendant_of(item.site.root_page).first()
    path = f"{section.url_path[len(item.site.root_page.url_path) - 1 :]}tra-cuu/" if section else "/"
    return absolute_url(item.site, f"{path}?ma={item.tracking_code}")


def _to_asker(item: CitizenRequest, template: str, **context) -> None:
    if item.email:
        notify(
            [item.email],
            f"interaction/email/{template}",
            {"item": item, "tracking_url": tracking_url(item), **context},
            site=item.site,
        )


def asker_received(item: CitizenRequest) -> None:
    _to_asker(item, "asker_received")


def asker_forwarded(item: CitizenRequest, reason: str) -> None:
    _to_asker(item, "asker_forwarded", reason=reason)


def asker_closed_without_answer(item: CitizenRequest) -> None:
    _to_asker(item, "asker_closed")


def asker_answered(item: CitizenRequest) -> None:
    answer_url = ""
    if item.answer_page_id:
        page = item.answer_page
        answer_url = page_url(page) or ""
    _to_asker(
        item,
        "asker_answered",
        private=item.visibility == CitizenRequest.Visibility.PRIVATE,
        answer_url=answer_url,
        legal_bases=[LegalBasis.from_dict(b) for b in item.legal_bases or []],
    )


def _admin_link(item: CitizenRequest) -> str:
    site = getattr(item.agency, "site", None) or item.site
    return absolute_url(site, reverse("interaction_request", args=[item.pk]))


def agency_new_item(item: CitizenRequest) -> None:
    """The handling agency's board and editors learn that an item arrived (received or forwarded)."""
    site = getattr(item.agency, "site", None)
    if site is None:
        return
    people = site_recipients(site, AgencyGroup.Role.BOARD, AgencyGroup.Role.EDITORS)
    notify(
        people,
        "interaction/email/agency_new_item",
        {"item": item, "admin_link": _admin_link(item)},
        site=site,
    )


def deadline_notice(item: CitizenRequest, due: dt.datetime, escalate: bool) -> None:
    site = getattr(item.agency, "site", None)
    people = list(site_recipients(site, AgencyGroup.Role.BOARD, AgencyGroup.Role.EDITORS)) if site else []
    if escalate:
        people += list(portal_board_recipients())
    context = {"item": item, "due": due, "escalate": escalate, "admin_link": _admin_link(item)}
    notify(people, "interaction/email/deadline", context, site=site)
