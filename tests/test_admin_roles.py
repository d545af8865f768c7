"""Each role's admin (issue 15): provincial administrators provision without being superusers, the
"My work" panel per role, translators cannot turn a translation into an alias, Vietnamese names."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale

from localization.locales import translate_page
from sites.models import Agency, AgencyGroup
from tests.conftest import group_of, login_admin
from tests.factories import AgencyUserFactory

PROVISION = reverse("wagtail_bulk_action", args=("sites", "agency", "provision"))


def client_for(user) -> Client:
    client = Client()
    login_admin(client, user)
    return client


def test_provincial_administrators_keep_the_registry_and_provision_sites(portal, make_agency):
    provincial = AgencyUserFactory(username="quantri.tinh", agency=portal, role=AgencyGroup.Role.ADMINS)
    assert not provincial.is_superuser
    client = client_for(provincial)
    assert client.get("/admin/snippets/sites/agency/").status_code == 200
    agency = Agency.objects.create(name="Sở Y tế", domain_label="soyte", kind=Agency.Kind.DEPARTMENT)
    url = f"{PROVISION}?id={agency.pk}&next=/admin/"
    response = client.post(url)
    assert response.status_code == 302 and "/admin/agencies/provisioned/" in response["Location"]
    agency.refresh_from_db()
    assert agency.site.hostname == "soyte.camau.localhost"

    page = client.get(response["Location"]).content.decode()
    assert "http://soyte.camau.localhost/" in page
    assert "Sở Y tế · Quản trị" in page and "Sở Y tế · Biên dịch viên" in page
    admins = group_of(agency, AgencyGroup.Role.ADMINS)
    assert f"/admin/agency-users/new/?group={admins.pk}" in page
    form = client.get(f"/admin/agency-users/new/?group={admins.pk}").content.decode()
    assert f'value="{admins.pk}" checked' in form or f'value="{admins.pk}"\n' in form or "checked" in form


def test_an_agency_administrator_cannot_provision(portal, make_agency):
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    ward_admin = AgencyUserFactory(username="quantri.anxuyen", agency=ward, role=AgencyGroup.Role.ADMINS)
    client = client_for(ward_admin)
    agency = Agency.objects.create(name="Sở Y tế", domain_label="soyte", kind=Agency.Kind.DEPARTMENT)
    client.post(f"{PROVISION}?id={agency.pk}&next=/admin/")
    agency.refresh_from_db()
    assert agency.site is None
    assert client.get(f"/admin/agencies/provisioned/?ids={ward.pk}").status_code in (302, 403)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Vietnamese collation needs PostgreSQL's ICU")
def test_the_registry_lists_agencies_in_vietnamese_order(portal, superuser):
    for name, label in [
        ("Sở Xây dựng", "soxaydung"),
        ("Đài Phát thanh", "daiphatthanh"),
        ("Sở Y tế", "soyte"),
    ]:
        Agency.objects.create(name=name, domain_label=label, kind=Agency.Kind.DEPARTMENT)
    names = [agency.name for agency in Agency.objects.filter(kind=Agency.Kind.DEPARTMENT).in_registry_order()]
    assert names == ["Đài Phát thanh", "Sở Xây dựng", "Sở Y tế"]
    page = client_for(superuser).get("/admin/snippets/sites/agency/").content.decode()
    assert page.index("Ủy ban nhân dân tỉnh Cà Mau") < page.index("Đài Phát thanh") < page.index("Sở Y tế")


def test_each_role_sees_its_work_with_counts(portal, make_agency):
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    expectations = {
        AgencyUserFactory(username="btv.anxuyen", agency=ward, role=AgencyGroup.Role.EDITORS): [
            "Việc biên tập",
            "Bị trả lại cho tôi",
        ],
        AgencyUserFactory(username="truongban.anxuyen", agency=ward, role=AgencyGroup.Role.BOARD): [
            "Chờ tôi duyệt",
            "Tôi đã trả lại",
        ],
        AgencyUserFactory(username="bien-dich", agency=portal, role=AgencyGroup.Role.TRANSLATORS): [
            "Việc biên dịch"
        ],
        AgencyUserFactory(username="quantri.anxuyen", agency=ward, role=AgencyGroup.Role.ADMINS): [
            "Người dùng của đơn vị tôi"
        ],
    }
    for user, phrases in expectations.items():
        page = client_for(user).get("/admin/").content.decode()
        assert 'id="cong-my-work"' in page or "cong-my-work" in page, user.username
        for phrase in phrases:
            assert phrase in page, (user.username, phrase)


def test_translators_get_no_alias_conversion_nor_sync_stop(portal):
    translator = AgencyUserFactory(username="bien-dich", agency=portal, role=AgencyGroup.Role.TRANSLATORS)
    english_home = translate_page(portal.site.root_page, Locale.objects.get(language_code="en"), {})
    client = client_for(translator)
    editor = client.get(f"/admin/pages/{english_home.pk}/edit/").content.decode()
    assert "convert_to_alias" not in editor
    assert "Lưu nháp và gửi duyệt" in editor
    assert client.post(f"/admin/localize/page/{english_home.pk}/convert_to_alias/").status_code in (302, 403)
    english_home.refresh_from_db()
    assert english_home.alias_of_id is None


def test_names_read_family_name_first(make_user):
    person = make_user("hoa.nguyen", first_name="Hòa", last_name="Nguyễn Thị")
    assert person.get_full_name() == "Nguyễn Thị Hòa"


def test_english_stays_available_per_user(portal):
    from wagtail.users.models import UserProfile

    reader = AgencyUserFactory(username="reads.english", agency=portal, role=AgencyGroup.Role.EDITORS)
    profile = UserProfile.get_for_user(reader)
    profile.preferred_language = "en"
    profile.save()
    page = client_for(reader).get("/admin/").content.decode()
    assert "My work" in page and "Việc của tôi" not in page
