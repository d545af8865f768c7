"""Emails about citizens' requests: to the asker on receipt and every state change (R64), to the agency
when an item arrives, and reminders/escalations before and after deadlines (R51 pattern)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from moderation.workflow import admin_url, portal_board_recipients, queue_email, site_recipients
from sites.models import AgencyGroup

from .models import CitizenRequest


def tracking_url(item: CitizenRequest) -> str:
    """The public status page on the site the asker used, with the code filled in."""
    from .models import PetitionIndexPage, QuestionIndexPage

    section_model = PetitionIndexPage if item.kind == CitizenRequest.Kind.PETITION else QuestionIndexPage
    section = section_model.objects.live().descendant_of(item.site.root_page).first()
    if section is None:
        return item.site.root_url
    return f"{section.full_url}tra-cuu/?ma={item.tracking_code}"


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "–"


def _to_asker(item: CitizenRequest, subject: str, lines: list[str]) -> None:
    if not item.email:
        return
    queue_email([item.email], subject, "\n\n".join([*lines, tracking_url(item)]))


def asker_received(item: CitizenRequest) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _to_asker(
            item,
            _("Received: %(code)s") % {"code": item.tracking_code},
            [
                _("Your request “%(title)s” was received on %(when)s.")
                % {"title": item.title, "when": _when(item.received_at)},
                _("Tracking code: %(code)s. Expected answer by %(due)s.")
                % {"code": item.tracking_code, "due": _when(item.due_at)},
            ],
        )


def asker_forwarded(item: CitizenRequest, reason: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _to_asker(
            item,
            _("Forwarded: %(code)s") % {"code": item.tracking_code},
            [
                _("Your request “%(title)s” was forwarded to %(agency)s, which is competent to answer it.")
                % {"title": item.title, "agency": item.agency.name},
                _("Reason: %(reason)s") % {"reason": reason},
            ],
        )


def asker_closed_without_answer(item: CitizenRequest) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _to_asker(
            item,
            _("%(status)s: %(code)s") % {"status": item.get_status_display(), "code": item.tracking_code},
            [
                _("Your request “%(title)s”: %(status)s.")
                % {"title": item.title, "status": item.get_status_display()},
                _("Reason: %(reason)s") % {"reason": item.outcome_reason},
            ],
        )


def asker_answered(item: CitizenRequest) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("Your request “%(title)s” has been answered by %(agency)s.")
            % {"title": item.title, "agency": item.agency.name}
        ]
        if item.visibility == CitizenRequest.Visibility.PRIVATE:
            lines.append(item.answer)
            lines.extend("– " + ", ".join(str(v) for v in basis.values()) for basis in item.legal_bases or [])
        elif item.answer_page_id:
            lines.append(_("The answer is published at %(url)s") % {"url": item.answer_page.full_url})
        _to_asker(item, _("Answered: %(code)s") % {"code": item.tracking_code}, lines)


def agency_new_item(item: CitizenRequest) -> None:
    """The handling agency's board and editors learn that an item arrived (received or forwarded)."""
    site = getattr(item.agency, "site", None)
    if site is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New %(kind)s to handle: %(code)s") % {
            "kind": item.get_kind_display().lower(),
            "code": item.tracking_code,
        }
        body = "\n".join(
            [
                item.title,
                _("Classify, assign or forward by %(when)s.") % {"when": _when(item.forward_due_at)},
                admin_url(f"/admin/interaction/requests/{item.pk}/"),
            ]
        )
    queue_email(site_recipients(site, AgencyGroup.Role.BOARD, AgencyGroup.Role.EDITORS), subject, body)


def deadline_notice(item: CitizenRequest, due, escalate: bool) -> None:
    site = getattr(item.agency, "site", None)
    recipients = list(site_recipients(site, AgencyGroup.Role.BOARD, AgencyGroup.Role.EDITORS)) if site else []
    if escalate:
        recipients += portal_board_recipients()
    with translation.override(settings.LANGUAGE_CODE):
        if escalate:
            subject = _("Overdue: %(code)s was due %(due)s") % {"code": item.tracking_code, "due": _when(due)}
        else:
            subject = _("Due soon: %(code)s is due %(due)s") % {"code": item.tracking_code, "due": _when(due)}
        body = "\n".join(
            [
                item.title,
                _("Handling agency: %(agency)s") % {"agency": item.agency.name},
                _("Status: %(status)s") % {"status": item.get_status_display()},
                admin_url(f"/admin/interaction/requests/{item.pk}/"),
            ]
        )
    queue_email(recipients, subject, body)
