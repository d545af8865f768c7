"""Public views: forms, tracking, archives and listings of every site (R57–R75). Every input path ends in
a clear message or a 4xx, and a record is written whole or not at all."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from cms.listing import RelatedFilter, TextFilter, run_listing
from cms.models import LegalField
from cms.queries import public_pages
from sites.models import Agency

from .. import workflow
from ..antiabuse import address_fingerprint, recent_count
from ..forms import (
    PRIVACY_NOTICE,
    CitizenRequestForm,
    ConsultationCommentForm,
    PageFeedbackForm,
    RatingForm,
)
from ..models import (
    AnswerPage,
    CitizenRequest,
    ConsultationComment,
    ConsultationPage,
    InteractionSettings,
    ModerationStatus,
    PageFeedback,
    RequestAttachment,
    SiteRating,
    fingerprint,
    initials,
)

MAX_BODY_BYTES = 20 * 1024 * 1024
_NOT_CODE = re.compile(r"[^A-Z0-9-]")


def clean_code(raw) -> str:
    """Tracking codes are letters, digits and hyphens; anything else is dropped before a query."""
    return _NOT_CODE.sub("", str(raw or "").upper())[:20]


RATING_COOKIE = "cong_rated"


def _too_large(request: HttpRequest) -> HttpResponse | None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        return _message(request, _("The submission is too large (at most 20 MB with attachments)."), 413)
    return None


def _message(request: HttpRequest, text: str, status: int, title: str = "") -> HttpResponse:
    return TemplateResponse(
        request,
        "interaction/message.html",
        {"message": text, "title": title or _("Not accepted")},
        status=status,
    )


def _rate_limited(request: HttpRequest, model) -> tuple[HttpResponse | None, bool]:
    """(a 429 response when the address posted too often, whether to ask the challenge question)."""
    rules = InteractionSettings.load()
    recent = recent_count(model, request)
    if recent >= rules.posts_per_hour_per_address:
        return _message(
            request, _("Too many submissions from your address. Please try again in an hour."), 429
        ), True
    return None, recent >= rules.challenge_after


def _site_agency(page: Page) -> tuple[Site, Agency]:
    site = page.get_site()
    agency = Agency.objects.filter(site=site).first() if site else None
    if agency is None:
        raise Http404
    return site, agency


# --- questions and petitions ---------------------------------------------------------------------


def request_form(request: HttpRequest, section) -> HttpResponse:
    site, site_agency = _site_agency(section)
    # The portal takes questions for any agency (R57); a component site's go to its own agency.
    agencies = Agency.objects.active().with_site().order_by("name") if site_agency.is_portal else None
    context = {
        "page": section,
        "self": section,
        "privacy_notice": PRIVACY_NOTICE,
        "kind": section.request_kind,
    }
    if request.method == "POST":
        if response := _too_large(request):
            return response
        limited, challenge = _rate_limited(request, CitizenRequest)
        if limited:
            return limited
        form = CitizenRequestForm(request.POST, request.FILES, with_challenge=challenge, agencies=agencies)
        if form.is_valid():
            data = form.cleaned_data
            rules = InteractionSettings.load()
            id_print = fingerprint(data["id_number"], "identity") if data.get("id_number") else ""
            since = timezone.now() - dt.timedelta(days=1)
            if (
                id_print
                and CitizenRequest.objects.filter(id_fingerprint=id_print, received_at__gte=since).count()
                >= rules.posts_per_day_per_identity
            ):
                return _message(
                    request,
                    _("Too many submissions with this identity number today. Please try again tomorrow."),
                    429,
                )
            item = _create_request(request, form, site, site_agency, section.request_kind, id_print)
            if item is None:
                form.add_error(
                    None, _("This form was already sent. Please check your entries and send it again.")
                )
            else:
                return HttpResponseRedirect(
                    f"{section.get_url(request)}tra-cuu/?ma={item.tracking_code}&moi=1"
                )
        # A fresh token for the next try; the errors stay on the form.
        form.data = form.data.copy()
        form.data["token"] = form.fields["token"].initial
        context["form"] = form
        return TemplateResponse(request, "interaction/request_form.html", context, status=400)
    _limited, challenge = _rate_limited(request, CitizenRequest)
    context["form"] = CitizenRequestForm(with_challenge=challenge, agencies=agencies)
    return TemplateResponse(request, "interaction/request_form.html", context)


def _create_request(request, form, site, site_agency, kind, id_print) -> CitizenRequest | None:
    data = form.cleaned_data
    organisation = data["asker_type"] == CitizenRequest.AskerType.ORGANISATION
    written: list[RequestAttachment] = []
    try:
        with transaction.atomic():
            if not form.consume_token():
                return None
            item = CitizenRequest(
                kind=kind,
                site=site,
                agency=site_agency,
                requested_agency=data.get("requested_agency"),
                field=data.get("field"),
                asker_type=data["asker_type"],
                asker_name=data["asker_name"].strip(),
                organisation_name=data.get("organisation_name", "") if organisation else "",
                representative_position=data.get("representative_position") if organisation else None,
                id_number=data.get("id_number") or None,
                address_street=data["address_street"],
                address_ward=data["address_ward"],
                address_district=data.get("address_district") or None,
                address_province=data["address_province"],
                email=data.get("email") or None,
                phone=data.get("phone") or None,
                public_name=data["organisation_name"] if organisation else initials(data["asker_name"]),
                id_fingerprint=id_print,
                address_fingerprint=address_fingerprint(request),
                consent_at=timezone.now(),
                title=data["title"].strip(),
                body=data["body"].strip(),
            )
            item.save()
            for upload in data.get("attachments") or []:
                attachment = RequestAttachment(
                    request=item,
                    original_name=upload.name[:255],
                    extension=upload.detected_extension,
                    content_type=upload.detected_type,
                    size=upload.size,
                )
                attachment.file.save(upload.name, upload, save=False)
                written.append(attachment)
                attachment.save()
            workflow.received(item)
    except Exception:
        for attachment in written:  # the record rolled back: take its files with it
            attachment.file.delete(save=False)
        raise
    return item


def request_tracking(request: HttpRequest, section) -> HttpResponse:
    """R64: the state, the agency holding it, the deadline and the answer. An unknown code says only that."""
    code = clean_code(request.GET.get("ma"))
    item = None
    if code:
        item = (
            CitizenRequest.objects.filter(kind=section.request_kind, tracking_code=code)
            .select_related("agency", "answer_page")
            .first()
        )
    context = {
        "page": section,
        "self": section,
        "code": code,
        "item": item,
        "new": bool(request.GET.get("moi")),
    }
    return TemplateResponse(
        request, "interaction/tracking.html", context, status=404 if code and not item else 200
    )


def request_archive(request: HttpRequest, section) -> HttpResponse:
    """Answered public items, newest first, filterable by field and searchable (R66, R75)."""
    _site, site_agency = _site_agency(section)
    pages = public_pages(AnswerPage)
    if site_agency.is_portal:
        pages = pages.filter(pk__in=_answer_pages_of_kind(section.request_kind))
    else:
        pages = pages.descendant_of(section)
    filters = [
        TextFilter("q", _("Search answers"), match=_answers_matching, max_length=200),
        RelatedFilter("linh-vuc", _("Field"), model=LegalField, field="field"),
    ]
    listing = run_listing(request.GET, pages, filters, order=("-answered_at",))
    context = {
        "page": section,
        "self": section,
        **listing.context(),
        "kind": section.request_kind,
    }
    return TemplateResponse(request, "interaction/question_index_page.html", context)


def _answers_matching(pages, text: str):
    """Every word in the title, the question or the answer."""
    condition = Q()
    for word in text.split()[:10]:
        condition &= Q(title__icontains=word) | Q(question__icontains=word) | Q(answer__icontains=word)
    return pages.filter(condition)


def _answer_pages_of_kind(kind: str):
    from ..models import PetitionIndexPage, QuestionIndexPage

    section_model = PetitionIndexPage if kind == CitizenRequest.Kind.PETITION else QuestionIndexPage
    paths = section_model.objects.values_list("path", flat=True)
    ids: list[int] = []
    for path in paths:
        ids.extend(AnswerPage.objects.filter(path__startswith=path).values_list("pk", flat=True))
    return ids


def public_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """An asker's attachment leaves the private store only when the item was answered publicly."""
    attachment = get_object_or_404(RequestAttachment.objects.select_related("request"), pk=pk)
    if not CitizenRequest.objects.public().filter(pk=attachment.request_id).exists():
        raise Http404
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


# --- consultations ----------------------------------------------------------------------------------


def consultation_listing(request: HttpRequest, index_page) -> dict:
    site, site_agency = _site_agency(index_page)
    pages = public_pages(ConsultationPage)
    if not site_agency.is_portal:
        pages = pages.descendant_of(site.root_page)
    now = timezone.now()
    return {
        "open_consultations": pages.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at"),
        "upcoming_consultations": pages.filter(opens_at__gt=now).order_by("opens_at"),
        "closed_consultations": pages.filter(closes_at__lte=now).order_by("-closes_at")[:50],
    }


def consultation_page(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    context = page.get_context(request)
    context["comments"] = page.comments.filter(status=ModerationStatus.APPROVED)
    context["privacy_notice"] = PRIVACY_NOTICE
    context["sent"] = bool(request.GET.get("da-gui"))
    status = 200
    if request.method == "POST":
        if not page.is_open:
            return _message(request, _("This consultation is not open for comments."), 400)
        limited, challenge = _rate_limited(request, ConsultationComment)
        if limited:
            return limited
        form = ConsultationCommentForm(request.POST, with_challenge=challenge)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                if form.consume_token():
                    ConsultationComment.objects.create(
                        page=page,
                        name=data["name"],
                        public_name=initials(data["name"]),
                        organisation=data.get("organisation", ""),
                        email=data["email"],
                        article=data.get("article", ""),
                        text=data["text"].strip(),
                        address_fingerprint=address_fingerprint(request),
                        consent_at=timezone.now(),
                    )
                    return HttpResponseRedirect(f"{page.get_url(request)}?da-gui=1#gop-y")
            form.add_error(
                None, _("This form was already sent. Please check your entries and send it again.")
            )
        form.data = form.data.copy()
        form.data["token"] = form.fields["token"].initial
        status = 400
    else:
        _limited, challenge = _rate_limited(request, ConsultationComment)
        form = ConsultationCommentForm(with_challenge=challenge)
    context["form"] = form if page.is_open else None
    return TemplateResponse(request, page.get_template(request), context, status=status)


# --- feedback on pages and answers ------------------------------------------------------------------


def page_feedback(request: HttpRequest) -> HttpResponse:
    """“Góp ý / báo lỗi” (R71) and “feedback on this answer” (R67), for the board of the site shown."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    source = request.POST if request.method == "POST" else request.GET
    page, item = _feedback_target(
        site, source.get("page") or source.get("trang"), source.get("request") or source.get("ma")
    )
    context = {"target_page": page, "target_request": item, "privacy_notice": PRIVACY_NOTICE}
    if request.method == "POST":
        if response := _too_large(request):
            return response
        limited, challenge = _rate_limited(request, PageFeedback)
        if limited:
            return limited
        form = PageFeedbackForm(request.POST, with_challenge=challenge)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                if form.consume_token():
                    PageFeedback.objects.create(
                        site=site,
                        page=page,
                        page_url=(page.get_url(request) if page else "")[:500],
                        request=item,
                        kind=PageFeedback.Kind.ANSWER_QUALITY if item else data["kind"],
                        message=data["message"].strip(),
                        name=data.get("name") or None,
                        email=data.get("email") or None,
                        address_fingerprint=address_fingerprint(request),
                    )
                    return _message(
                        request,
                        _("Thank you. Your feedback was sent to the site's editorial board."),
                        200,
                        _("Sent"),
                    )
            form.add_error(
                None, _("This form was already sent. Please check your entries and send it again.")
            )
        form.data = form.data.copy()
        form.data["token"] = form.fields["token"].initial
        context["form"] = form
        return TemplateResponse(request, "interaction/feedback_form.html", context, status=400)
    _limited, challenge = _rate_limited(request, PageFeedback)
    initial = {"page": page.pk if page else None, "request": item.tracking_code if item else ""}
    context["form"] = PageFeedbackForm(initial=initial, with_challenge=challenge)
    return TemplateResponse(request, "interaction/feedback_form.html", context)


def _feedback_target(site: Site, page_id, code) -> tuple[Page | None, CitizenRequest | None]:
    page = item = None
    if page_id and str(page_id).isdigit() and int(page_id) < 2**31:
        page = (
            public_pages(Page).descendant_of(site.root_page, inclusive=True).filter(pk=int(page_id)).first()
        )
    if code:
        item = CitizenRequest.objects.public().filter(tracking_code=clean_code(code)).first()
        if item and item.answer_page_id:
            page = item.answer_page
    return page, item


# --- rating -----------------------------------------------------------------------------------------


def _month() -> str:
    return timezone.localdate().strftime("%Y-%m")


def rating(request: HttpRequest) -> HttpResponse:
    """R72: anonymous, four criteria, one per browser per month (a first-party signed cookie) and a rate
    limit per address; no personal data, and the address fingerprint is blanked after the abuse window."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    month = _month()
    already = (
        request.get_signed_cookie(RATING_COOKIE, default="", salt="interaction.rating")
        == f"{site.pk}:{month}"
    )
    context = {"already": already}
    if request.method == "POST":
        if already:
            return _message(
                request, _("You have already rated this site this month. Thank you."), 409, _("Already rated")
            )
        limited, challenge = _rate_limited(request, SiteRating)
        if limited:
            return limited
        form = RatingForm(request.POST, with_challenge=challenge)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                if form.consume_token():
                    SiteRating.objects.create(
                        site=site,
                        month=month,
                        interface=data["interface"],
                        content=data["content"],
                        quality=data["quality"],
                        support=data["support"],
                        comment=data.get("comment", "").strip(),
                        address_fingerprint=address_fingerprint(request),
                    )
                    response = _message(request, _("Thank you for rating this site."), 200, _("Sent"))
                    response.set_signed_cookie(
                        RATING_COOKIE,
                        f"{site.pk}:{month}",
                        salt="interaction.rating",
                        max_age=32 * 24 * 3600,
                        httponly=True,
                        samesite="Lax",
                        secure=request.is_secure(),
                    )
                    return response
            form.add_error(
                None, _("This form was already sent. Please check your entries and send it again.")
            )
        form.data = form.data.copy()
        form.data["token"] = form.fields["token"].initial
        context["form"] = form
        return TemplateResponse(request, "interaction/rating_form.html", context, status=400)
    _limited, challenge = _rate_limited(request, SiteRating)
    context["form"] = RatingForm(with_challenge=challenge)
    return TemplateResponse(request, "interaction/rating_form.html", context)
