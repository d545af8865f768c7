"""The information-items demo step fills every type on the portal and two component sites, and reruns."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Page

from cms import demo_information
from cms.metadata import missing_mandatory
from cms.models import (
    AdministrativeMapPage,
    LeaderPage,
    ProjectPage,
    ScienceProgrammePage,
    StatisticsReportPage,
    WorkSchedulePage,
)
from sites.models import Agency

from .conftest import get


def test_demo_step_is_registered_and_idempotent(portal, make_agency):
    assert "cms.demo_information.load" in settings.CONG_DEMO_STEPS
    make_agency("Sở Khoa học và Công nghệ", "sokhcn", Agency.Kind.DEPARTMENT)
    make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen", Agency.Kind.WARD)
    lines: list[str] = []
    demo_information.load(progress=lines.append)
    count = Page.objects.count()
    demo_information.load(progress=lines.append)
    assert Page.objects.count() == count
    assert any("sokhcn" in line for line in lines)

    assert ProjectPage.objects.live().count() == 3
    assert ScienceProgrammePage.objects.live().count() == 2
    assert StatisticsReportPage.objects.live().exists()
    assert LeaderPage.objects.live().count() >= 6
    assert WorkSchedulePage.objects.live().count() == 4  # two weeks on the portal, two on the ward
    assert AdministrativeMapPage.objects.live().get().map_document.file.read().startswith(b"%PDF-1.4")

    # R87: every published page of the demo carries the six mandatory Dublin Core elements.
    for page in Page.objects.live().exclude(depth=1).specific():
        assert missing_mandatory(page) == [], page.url_path

    for host, path, text in (
        ("camau.localhost", "/du-an-dau-tu/", "Đường Hồ Chí Minh đoạn Năm Căn – Đất Mũi"),
        ("camau.localhost", "/gioi-thieu/dieu-kien-tu-nhien/", "7.942 km²"),
        ("camau.localhost", "/quy-hoach-ke-hoach/quy-hoach-tinh-2021-2030/", "1386/QĐ-TTg"),
        ("camau.localhost", "/chi-dao-dieu-hanh/lich-lam-viec/", "Lịch làm việc tuần"),
        ("sokhcn.camau.localhost", "/de-tai-khoa-hoc/tom-rung-sinh-thai/", "ĐTKH.CM.01-2024"),
        ("anxuyen.camau.localhost", "/pho-bien-phap-luat/luat-dat-dai-2024/", "31/2024/QH15"),
    ):
        response = get(host, path)
        assert response.status_code == 200, (host, path)
        assert text in response.content.decode(), (host, path)


def test_every_page_type_opens_in_the_editor(portal, make_agency, client, superuser):
    """The admin edit form of each information item renders (panels, inline panels, choosers)."""
    from django.urls import reverse

    from tests.conftest import login_admin

    make_agency("Sở Khoa học và Công nghệ", "sokhcn", Agency.Kind.DEPARTMENT)
    make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen", Agency.Kind.WARD)
    demo_information.load()
    login_admin(client, superuser)
    seen = set()
    for page in Page.objects.exclude(depth=1).specific():
        if type(page) in seen:
            continue
        seen.add(type(page))
        response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert response.status_code == 200, type(page).__name__
    assert len(seen) >= 25
    for path in ("cms/sector/", "cms/newscategory/"):
        assert client.get(f"/admin/snippets/{path}").status_code == 200
