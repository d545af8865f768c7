"""Corrections, withdrawals and take-downs of live pages through the editorial board (R45): filed by the
page's own agency, decided by another board member (four eyes), shown on the public page (a dated note,
a banner), or the page unpublished with its address answering 410 and its history kept; an emergency
take-down by the board; every request and decision in the page's audit log; the cached page purged."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from cms.models import StandardPage
from moderation.models import CorrectionRequest
from sites.models import AgencyGroup
from sites.publishing import publishing_without_review
from tests.conftest import group_of, login_admin

HIT = "X-Cong-Cache"


@pytest.fixture
def live(wards, make_user):
    """A live news section with one live article on An Xuyên's site; a Tân Thành board member."""
    home = wards.an_xuyen.site.root_page.specific
    with publishing_without_review("test fixture: approved content already online"):
        section = StandardPage(title="Thông báo", slug="thong-bao", summary="Mục thông báo")
        home.add_child(instance=section)
        section.save_revision().publish()
        article = StandardPage(
            title="Thông báo lịch tiếp công dân tháng 11", slug="lich-tiep-cong-dan", summary="Lịch tiếp dân"
        )
        section.add_child(instance=article)
        article.save_revision().publish()
    other_board = make_user("truongban.tanthanh", group_of(wards.tan_thanh, AgencyGroup.Role.BOARD))
    return SimpleNamespace(w=wards, section=section, article=article, other_board=other_board)


def public(page, client: Client | None = None):
    page.refresh_from_db()
    return (client or Client()).get(public_path(page), HTTP_HOST=page.get_site().hostname)


def public_path(page) -> str:
    return page.get_url_parts()[2]


def today() -> str:
    return timezone.localdate().strftime("%d/%m/%Y")


def file(client: Client, user, page, **data):
    login_admin(client, user)
    fields = {
        "kind": "correction",
        "requested_by_party": "provider",
        "reference": "Công văn số 125/UBND-VP ngày 20/11/2026",
        "reason": "Sai giờ tiếp công dân",
        "public_note": "Giờ tiếp công dân là 7 giờ 30, không phải 8 giờ.",
    }
    fields.update(data)
    return client.post(reverse("moderation_correction_new", args=[page.pk]), fields)


def decide(client: Client, user, item: CorrectionRequest, action: str = "approve", note: str = ""):
    login_admin(client, user)
    return client.post(reverse("moderation_correction", args=[item.pk]), {"action": action, "note": note})


def test_correction_shows_only_after_another_board_member_approves(live):
    w, article = live.w, live.article
    client = Client()
    # The action is offered on the live page's admin screen to its own agency's editors.
    login_admin(client, w.editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert reverse("moderation_correction_new", args=[article.pk]) in edit
    assert client.get(reverse("moderation_correction_new", args=[article.pk])).status_code == 200

    response = file(client, w.editor, article)
    assert response.status_code == 302
    item = CorrectionRequest.objects.get(page=article)
    assert item.status == CorrectionRequest.Status.PENDING and item.requested_by == w.editor
    article.refresh_from_db()
    assert item.revision_id == article.live_revision_id
    assert "Giờ tiếp công dân là 7 giờ 30" not in public(article).content.decode()

    # Four eyes: whoever filed it cannot decide it, even as a board member.
    mine = file(
        Client(), w.head, article, reason="Bổ sung địa điểm", public_note="Địa điểm: Hội trường UBND."
    )
    assert mine.status_code == 302
    own = CorrectionRequest.objects.get(page=article, requested_by=w.head)
    refused = decide(Client(), w.head, own)
    assert refused.status_code == 403
    assert "hai người" in refused.content.decode()  # explained in Vietnamese
    own.refresh_from_db()
    assert own.status == CorrectionRequest.Status.PENDING
    # An editor is not the board.
    assert decide(Client(), w.editor, own).status_code == 403

    # The board's pending list shows both; a board member approves the editor's request.
    listing = Client()
    login_admin(listing, w.deputy)
    page = listing.get(reverse("moderation_corrections")).content.decode()
    assert page.count(reverse("moderation_correction", args=[item.pk])) == 1
    assert decide(Client(), w.head, item).status_code == 302
    item.refresh_from_db()
    assert item.status == CorrectionRequest.Status.APPROVED and item.decided_by == w.head
    assert item.decided_at is not None

    html = public(article).content.decode()
    assert f"Đính chính ngày {today()}:" in html
    assert "Giờ tiếp công dân là 7 giờ 30, không phải 8 giờ." in html
    assert "Địa điểm: Hội trường" not in html  # the other request is still pending
    # The page's history shows the request and the decision with their Vietnamese labels.
    actions = set(PageLogEntry.objects.filter(page=article).values_list("action", flat=True))
    assert {"moderation.change_requested", "moderation.change_approved"} <= actions
    login_admin(client, w.head)
    history = client.get(reverse("wagtailadmin_pages:history", args=[article.pk])).content.decode()
    assert "Ban biên tập phê duyệt" in history and "Sai giờ tiếp công dân" in history


def test_rejection_needs_a_note_and_shows_nothing(live):
    w, article = live.w, live.article
    file(Client(), w.editor, article)
    item = CorrectionRequest.objects.get(page=article)
    response = decide(Client(), w.head, item, "reject")
    assert response.status_code == 400 and "Nêu lý do từ chối" in response.content.decode()
    assert decide(Client(), w.head, item, "reject", "Nội dung đăng đã đúng").status_code == 302
    item.refresh_from_db()
    assert item.status == CorrectionRequest.Status.REJECTED and item.decision_note == "Nội dung đăng đã đúng"
    assert "Đính chính ngày" not in public(article).content.decode()
    assert PageLogEntry.objects.filter(page=article, action="moderation.change_rejected").exists()
    assert decide(Client(), w.deputy, item).status_code == 403  # already decided


def test_another_agency_reaches_neither_the_form_nor_the_decision(live):
    w, article = live.w, live.article
    file(Client(), w.editor, article)
    item = CorrectionRequest.objects.get(page=article)
    for user in (w.other_contributor, live.other_board):
        client = Client()
        login_admin(client, user)
        url = reverse("moderation_correction_new", args=[article.pk])
        assert client.get(url).status_code == 404
        assert file(client, user, article).status_code == 404
        assert client.get(reverse("moderation_correction", args=[item.pk])).status_code == 404
        assert decide(client, user, item).status_code == 404
        listing = client.get(reverse("moderation_corrections")).content.decode()
        assert article.title not in listing
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
        assert url not in edit.content.decode()
    assert CorrectionRequest.objects.filter(page=article).count() == 1
    item.refresh_from_db()
    assert item.status == CorrectionRequest.Status.PENDING


def test_bad_input_is_refused_without_a_row(live):
    w, article = live.w, live.article
    response = file(Client(), w.editor, article, reason="  ")
    assert response.status_code == 400
    assert "Nêu lý do của yêu cầu" in response.content.decode()
    response = file(Client(), w.editor, article, kind="withdrawal", public_note="")
    assert response.status_code == 400
    assert "Nhập nội dung công bố" in response.content.decode()
    response = file(Client(), w.editor, article, kind="nonsense")
    assert response.status_code == 400
    # A draft is not online: nothing to correct.
    draft = StandardPage(title="Dự thảo", slug="du-thao", summary="x", live=False)
    live.section.add_child(instance=draft)
    response = file(Client(), w.editor, draft)
    assert response.status_code == 400 and "đang đăng tải" in response.content.decode()
    assert not CorrectionRequest.objects.exists()


def test_withdrawal_keeps_the_page_under_a_banner(live):
    w, article = live.w, live.article
    file(
        Client(),
        w.editor,
        article,
        kind="withdrawal",
        requested_by_party="authority",
        reason="Kế hoạch đã được thay thế",
        public_note="Lịch tiếp công dân đã được thay thế bởi Thông báo số 140/TB-UBND.",
    )
    item = CorrectionRequest.objects.get(page=article)
    assert "đã được thu hồi" not in public(article).content.decode()
    assert decide(Client(), w.deputy, item).status_code == 302
    response = public(article)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Thông tin đã được thu hồi ngày {today()}." in html
    assert "Thông báo số 140/TB-UBND" in html
    article.refresh_from_db()
    assert article.live


def test_a_withdrawal_is_lifted_only_through_an_approved_reinstatement(live):
    w, article = live.w, live.article
    # Nothing to lift on a page that is not withdrawn: the choice is not offered, and a forged POST is refused.
    login_admin(client := Client(), w.editor)
    form = client.get(reverse("moderation_correction_new", args=[article.pk])).content.decode()
    assert 'value="reinstatement"' not in form
    response = file(client, w.editor, article, kind="reinstatement", public_note="")
    assert response.status_code == 400  # the form again, with the error on the choice
    assert not CorrectionRequest.objects.filter(page=article).exists()

    file(Client(), w.editor, article, kind="withdrawal", public_note="Lịch đã được thay thế.")
    decide(Client(), w.deputy, CorrectionRequest.objects.get(page=article, kind="withdrawal"))
    assert "đã được thu hồi" in public(article).content.decode()

    form = client.get(reverse("moderation_correction_new", args=[article.pk])).content.decode()
    assert 'value="reinstatement"' in form
    assert file(client, w.editor, article, kind="reinstatement", public_note="").status_code == 302
    lift = CorrectionRequest.objects.get(page=article, kind="reinstatement")
    assert "đã được thu hồi" in public(article).content.decode()  # not before the board decides
    assert decide(Client(), w.editor, lift).status_code in (302, 403)  # the filer never decides
    lift.refresh_from_db()
    assert lift.status == CorrectionRequest.Status.PENDING
    assert decide(Client(), w.deputy, lift).status_code == 302
    html = public(article).content.decode()
    assert "đã được thu hồi" not in html
    assert PageLogEntry.objects.filter(page=article, action="moderation.change_approved").count() == 2


@pytest.mark.publication_gate
def test_take_down_unpublishes_keeps_history_and_answers_410(live):
    w, article = live.w, live.article
    revisions = Revision.page_revisions.filter(object_id=str(article.pk)).count()
    path = public_path(article)
    # The admin's own unpublish stays closed to the board (no publish permission)…
    client = Client()
    login_admin(client, w.head)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))
    article.refresh_from_db()
    assert article.live
    # …the regulated route is the request and another board member's approval.
    response = file(
        Client(),
        w.editor,
        article,
        kind="takedown",
        requested_by_party="authority",
        reason="Văn bản của Sở Tư pháp đề nghị gỡ",
        public_note="Thông tin chưa được phép công khai.",
        emergency="on",  # not a board member: ignored, the request waits for the board
    )
    assert response.status_code == 302
    item = CorrectionRequest.objects.get(page=article)
    assert item.status == CorrectionRequest.Status.PENDING and not item.emergency
    assert public(article).status_code == 200
    assert decide(Client(), w.head, item, note="Đồng ý gỡ").status_code == 302

    article.refresh_from_db()
    assert not article.live
    gone = Client().get(path, HTTP_HOST=article.get_site().hostname)
    assert gone.status_code == 410
    html = gone.content.decode()
    assert "Thông tin đã được gỡ bỏ" in html and today() in html
    assert "Thông tin chưa được phép công khai." in html
    assert public_path(live.section) in html  # the way back to the listing
    # An address that never was a page still answers 404.
    assert Client().get(path + "khac/", HTTP_HOST=article.get_site().hostname).status_code == 404

    # The admin keeps the page, every revision and the record; the history shows the take-down.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).status_code == 200
    assert Revision.page_revisions.filter(object_id=str(article.pk)).count() == revisions
    actions = set(PageLogEntry.objects.filter(page=article).values_list("action", flat=True))
    assert {"moderation.change_requested", "moderation.change_approved", "wagtail.unpublish"} <= actions
    item.refresh_from_db()
    assert item.status == CorrectionRequest.Status.APPROVED and item.public_path == path


@pytest.mark.publication_gate
def test_emergency_take_down_by_the_board_is_immediate_logged_and_listed(live):
    w, article = live.w, live.article
    client = Client()
    login_admin(client, w.head)
    assert "emergency" in client.get(reverse("moderation_correction_new", args=[article.pk])).content.decode()
    response = file(
        client,
        w.head,
        article,
        kind="takedown",
        requested_by_party="board",
        reason="Tin có thông tin cá nhân của người dân",
        public_note="",
        emergency="on",
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live
    item = CorrectionRequest.objects.get(page=article)
    assert item.emergency and item.status == CorrectionRequest.Status.APPROVED and item.decided_by == w.head
    assert PageLogEntry.objects.filter(
        page=article, action="moderation.emergency_takedown", user=w.head
    ).exists()
    assert Client().get(public_path(article), HTTP_HOST=article.get_site().hostname).status_code == 410
    listing = Client()
    login_admin(listing, w.deputy)
    html = listing.get(reverse("moderation_corrections")).content.decode()
    assert reverse("moderation_correction", args=[item.pk]) in html and "khẩn cấp" in html


def test_a_section_with_live_sub_pages_is_not_taken_down(live):
    response = file(Client(), live.w.editor, live.section, kind="takedown", reason="Gỡ chuyên mục")
    assert response.status_code == 400 and "trang con" in response.content.decode()
    assert not CorrectionRequest.objects.exists()


def test_approval_purges_the_cached_page(live, django_capture_on_commit_callbacks):
    w, article = live.w, live.article
    first, second = public(article), public(article)
    assert (first[HIT], second[HIT]) == ("miss", "hit")
    file(Client(), w.editor, article)
    item = CorrectionRequest.objects.get(page=article)
    with django_capture_on_commit_callbacks(execute=True):
        decide(Client(), w.head, item)
    fresh = public(article)
    assert fresh[HIT] == "miss"
    assert f"Đính chính ngày {today()}:" in fresh.content.decode()


def test_a_translation_shows_only_its_own_notes(live):
    from wagtail.models import Locale

    from localization.locales import ensure_locale_roots, translate_page

    w, article = live.w, live.article
    en = Locale.objects.get(language_code="en")
    with publishing_without_review("test fixture: approved translation"):
        ensure_locale_roots(w.an_xuyen, [en])["en"].save_revision().publish()
        english = translate_page(
            live.section, en, {"Thông báo": "Notices", "Mục thông báo": "Notices"}, publish=True
        )
        english_article = translate_page(
            article,
            en,
            {"Thông báo lịch tiếp công dân tháng 11": "Citizen reception, November"},
            publish=True,
        )
    assert english.live and english_article.live
    file(Client(), w.editor, article)
    decide(Client(), w.head, CorrectionRequest.objects.get(page=article))
    response = public(english_article)
    assert response.status_code == 200
    assert "7 giờ 30" not in response.content.decode()


def test_demo_requests(live):
    """The demo's approved correction and withdrawal and its pending take-down, on An Xuyên's live pages."""
    from moderation.demo import _load_corrections

    with publishing_without_review("test fixture: the demo's live pages"):
        for slug in ("hop-dan-khom-2", "bao-cao-thong-ke-thang", "ra-quan-lam-sach-kenh-rach"):
            page = StandardPage(title=f"Tin {slug}", slug=slug, summary="Tin mẫu")
            live.section.add_child(instance=page)
            page.save_revision().publish()
    assert _load_corrections() == 3
    assert _load_corrections() == 0  # rerunnable
    kinds = dict(CorrectionRequest.objects.values_list("kind", "status"))
    assert kinds == {"correction": "approved", "withdrawal": "approved", "takedown": "pending"}
    corrected = StandardPage.objects.get(slug="hop-dan-khom-2")
    assert "dài 540 m" in public(corrected).content.decode()
    withdrawn = StandardPage.objects.get(slug="bao-cao-thong-ke-thang")
    assert "đã được thu hồi" in public(withdrawn).content.decode()
    assert StandardPage.objects.get(slug="ra-quan-lam-sach-kenh-rach").live


def test_a_page_without_notes_asks_for_none_and_a_decision_shows_at_once(live, settings):
    """Which pages carry notes is kept (corrections.pages_with_notices): a public page without any asks
    the database nothing about them; an approval or a reinstatement shows on the next view."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CONG_PAGE_CACHE = False  # every view below is rendered
    w, article = live.w, live.article
    public(article)
    with CaptureQueriesContext(connection) as queries:
        assert public(article).status_code == 200
    assert not [q for q in queries.captured_queries if "moderation_correctionrequest" in q["sql"]]

    file(Client(), w.editor, article)
    assert decide(Client(), w.head, CorrectionRequest.objects.get(page=article)).status_code == 302
    assert "Giờ tiếp công dân là 7 giờ 30, không phải 8 giờ." in public(article).content.decode()
    file(Client(), w.editor, article, kind="withdrawal", public_note="Thông báo đã hết hiệu lực.")
    withdrawal = CorrectionRequest.objects.get(page=article, kind="withdrawal")
    assert decide(Client(), w.head, withdrawal).status_code == 302
    assert "Thông báo đã hết hiệu lực." in public(article).content.decode()
