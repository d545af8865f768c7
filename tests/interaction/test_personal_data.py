"""R58, R65, R110: askers' personal fields are encrypted at rest, masked for staff without the right
(reading them is logged), never public (pages, archive, tracking, feeds, sitemap, search), and erased
after the retention period while the texts stay."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from interaction import workflow
from interaction.models import CitizenRequest, InteractionSettings, Question
from interaction.tasks import erase_expired_personal_data
from tests.conftest import login_admin, refresh_search_index

from .conftest import AN_XUYEN, PORTAL, ask

pytestmark = pytest.mark.django_db

SECRETS = {
    "asker_name": "Huỳnh Thị Mỹ Xuyên",
    "id_number": "096301009876",
    "address_street": "Số 45 đường Lý Thường Kiệt",
    "email": "myxuyen.huynh@example.vn",
    "phone": "0918 765 432",
}


@pytest.fixture
def answered(client, world):
    response = ask(
        client,
        AN_XUYEN,
        title="Thời hạn đăng ký khai sinh cho con",
        body="Con tôi sinh ngày 01/03, đến nay đã quá 60 ngày thì đăng ký khai sinh thế nào?",
        **SECRETS,
    )
    assert response.status_code == 302
    item = Question.objects.get()
    workflow.classify(item, world.ax_head, category="competence", field=world.field)
    workflow.submit_answer(
        item,
        world.ax_editor,
        visibility="public",
        legal_bases=[],
        answer="Việc đăng ký khai sinh quá hạn thực hiện tại UBND phường nơi cư trú theo Luật Hộ tịch.",
    )
    return workflow.approve(item, world.ax_head)


def test_raw_database_values_are_encrypted(answered):
    columns = ["asker_name", "id_number", "address_street", "email", "phone"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM interaction_citizenrequest WHERE id = %s", [answered.pk]
        )
        raw = dict(zip(columns, cursor.fetchone(), strict=True))
    for column, value in raw.items():
        assert value and SECRETS[column] not in value, column
        assert value.startswith("gAAAA"), "a Fernet token"
    fresh = CitizenRequest.objects.get(pk=answered.pk)
    assert fresh.id_number == SECRETS["id_number"] and fresh.email == SECRETS["email"]


def test_personal_fields_never_public(client, answered, world):
    refresh_search_index()
    page = answered.answer_page
    word = "khai sinh"
    urls = [
        (AN_XUYEN, page.url),
        (AN_XUYEN, "/hoi-dap/"),
        (AN_XUYEN, f"/hoi-dap/?q={word}"),
        (AN_XUYEN, f"/hoi-dap/tra-cuu/?ma={answered.tracking_code}"),
        (AN_XUYEN, "/rss/"),
        (AN_XUYEN, "/sitemap.xml"),
        (AN_XUYEN, "/so-do-trang/"),
        (AN_XUYEN, f"/search/?q={word}"),
        (PORTAL, f"/search/?q={word}"),
        (AN_XUYEN, "/metadata.json"),
    ]
    for host, url in urls:
        response = client.get(url, HTTP_HOST=host)
        assert response.status_code == 200, url
        body = response.content.decode()
        for name, secret in SECRETS.items():
            assert secret not in body, f"{name} leaked on {host}{url}"
    # Searching for the asker's name, number or email finds no result that contains them (the page
    # itself echoes the query; the result list is what could leak).
    for secret in (SECRETS["asker_name"], SECRETS["id_number"], SECRETS["email"]):
        body = client.get("/search/", {"q": secret}, HTTP_HOST=PORTAL).content.decode()
        results = (
            body.split('class="search-results"', 1)[1].split("</ol>", 1)[0]
            if 'class="search-results"' in body
            else ""
        )
        assert secret not in results, secret
    # The answer itself is found by the site search and the portal-wide search (R75, R81).
    for host in (AN_XUYEN, PORTAL):
        assert answered.title in client.get(f"/search/?q={word}", HTTP_HOST=host).content.decode(), host
    # Nothing the public page type stores is personal.
    for field in type(page)._meta.concrete_fields:
        value = str(getattr(page, field.attname, ""))
        assert not any(secret in value for secret in SECRETS.values()), field.name


def test_masked_without_the_right_and_reading_is_logged(client, answered, world):
    login_admin(client, world.ax_editor)  # editors do not hold "view personal data"
    listing = client.get("/admin/interaction/requests/").content.decode()
    detail = client.get(f"/admin/interaction/requests/{answered.pk}/?personal=1").content.decode()
    for body in (listing, detail):
        assert answered.tracking_code in body
        for secret in SECRETS.values():
            assert secret not in body
    assert "H**** T** M* X****" in listing
    assert not ModelLogEntry.objects.filter(action="interaction.personal_data_viewed").exists()

    login_admin(client, world.ax_head)  # the head may, and the reading is in the audit log
    detail = client.get(f"/admin/interaction/requests/{answered.pk}/?personal=1").content.decode()
    assert SECRETS["id_number"] in detail and SECRETS["email"] in detail
    entry = ModelLogEntry.objects.get(action="interaction.personal_data_viewed")
    assert entry.user_id == world.ax_head.pk and entry.object_id == str(answered.pk)

    # The report export holds no personal field, whoever downloads it.
    export = client.get(
        f"/admin/interaction/reports/?period={timezone.localdate():%Y-%m}&export=csv"
    ).content.decode()
    assert "Ủy ban nhân dân phường An Xuyên" in export
    assert not any(secret in export for secret in SECRETS.values())


def test_anonymised_after_the_retention_period_text_kept(answered):
    rules = InteractionSettings.load()
    answered_at = answered.answered_at
    erase_expired_personal_data(answered_at + dt.timedelta(days=rules.retention_days - 1))
    answered.refresh_from_db()
    assert answered.id_number == SECRETS["id_number"] and answered.anonymised_at is None

    result = erase_expired_personal_data(answered_at + dt.timedelta(days=rules.retention_days + 1))
    assert result["requests"] == 1
    answered.refresh_from_db()
    for name in CitizenRequest.PERSONAL_FIELDS:
        assert getattr(answered, name) in (None, ""), name
    assert answered.anonymised_at and answered.id_fingerprint == ""
    assert "quá 60 ngày" in answered.body and "Luật Hộ tịch" in answered.answer
    assert answered.answer_page.live
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, email FROM interaction_citizenrequest WHERE id = %s", [answered.pk])
        assert cursor.fetchone() == (None, None)


def test_retention_cannot_be_set_below_thirty_days():
    rules = InteractionSettings.load()
    rules.retention_days = 29
    with pytest.raises(ValidationError):
        rules.full_clean()


def test_open_questions_keep_their_data_however_old(world):
    item = Question.objects.create(
        site=world.an_xuyen.site,
        agency=world.an_xuyen,
        asker_type="individual",
        asker_name="Lê Văn Tám",
        id_number="012345678",
        consent_at=timezone.now(),
        title="Hỏi",
        body="Nội dung",
    )
    erase_expired_personal_data(timezone.now() + dt.timedelta(days=3650))
    item.refresh_from_db()
    assert item.id_number == "012345678"
