"""A merged commune's site redirects to its successor and stays readable in an archive (R8)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry, Page

from cms.models import NewsIndexPage, NewsPage
from sites.models import Agency
from sites.retirement import RETIRE_ACTION, retire_agency


@pytest.fixture
def merger(make_agency):
    old = make_agency("Xã Tân Thành", "tanthanh", kind=Agency.Kind.COMMUNE)
    new = make_agency("Phường An Xuyên", "anxuyen", kind=Agency.Kind.WARD)
    news = old.site.root_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    news.add_child(
        instance=NewsPage(title="Nạo vét kênh xáng Tân Thành", slug="nao-vet-kenh", date=dt.date(2025, 3, 4))
    )
    return old, new


def test_old_host_redirects_to_the_same_path_or_to_the_archive(client, merger, superuser):
    old, _new = merger
    call_command(
        "retire_agency", "tanthanh", into="anxuyen.camau.localhost", by="superadmin", stdout=StringIO()
    )

    # The introduction page exists on both sites: same path on the successor.
    # On the configured scheme and port (sites.public_urls), not the port the visitor typed.
    response = client.get("/gioi-thieu/", HTTP_HOST="tanthanh.camau.localhost:8000")
    assert response.status_code == 301
    assert response["Location"] == "http://anxuyen.camau.localhost/gioi-thieu/"

    # An old article has no counterpart: it lives on in the successor's archive.
    response = client.get("/tin-tuc/nao-vet-kenh/", HTTP_HOST="tanthanh.camau.localhost")
    assert response["Location"] == "http://anxuyen.camau.localhost/luu-tru/tanthanh/tin-tuc/nao-vet-kenh/"
    archived = client.get(response["Location"], HTTP_HOST="anxuyen.camau.localhost")
    assert archived.status_code == 200
    html = archived.content.decode()
    assert "Nạo vét kênh xáng Tân Thành" in html
    assert "Xã Tân Thành" in html and "Phường An Xuyên" in html  # the archive notice names both

    # Non-page addresses (search) go to the successor unchanged.
    response = client.get("/search/?q=k%C3%AAnh", HTTP_HOST="tanthanh.camau.localhost")
    assert response["Location"] == "http://anxuyen.camau.localhost/search/?q=k%C3%AAnh"

    # The old agency's pages stay live, so the portal's search still finds them.
    assert Page.objects.live().filter(title="Nạo vét kênh xáng Tân Thành").exists()

    entry = ModelLogEntry.objects.for_instance(Agency.objects.get(pk=old.pk)).get(action=RETIRE_ACTION)
    assert entry.user == superuser
    assert entry.data["successor_hostname"] == "anxuyen.camau.localhost"


def test_archive_is_only_on_the_successor(client, merger, make_agency):
    old, new = merger
    make_agency("Phường Tân Thành", "phuongtanthanh", kind=Agency.Kind.WARD)
    retire_agency(old, new)
    assert client.get("/luu-tru/tanthanh/", HTTP_HOST="phuongtanthanh.camau.localhost").status_code == 404
    assert client.get("/luu-tru/tanthanh/", HTTP_HOST="anxuyen.camau.localhost").status_code == 200
    assert client.get("/luu-tru/tanthanh/khong-co/", HTTP_HOST="anxuyen.camau.localhost").status_code == 404


def test_reactivating_an_agency_stops_the_redirect(client, merger):
    old, new = merger
    retire_agency(old, new)
    assert client.get("/", HTTP_HOST="tanthanh.camau.localhost").status_code == 301
    old.status = Agency.Status.ACTIVE
    old.save()
    assert client.get("/", HTTP_HOST="tanthanh.camau.localhost").status_code == 200


@pytest.mark.parametrize(
    ("agency", "into", "message"),
    [
        ("tanthanh", "tanthanh", "không thể sáp nhập vào chính nó"),
        ("khongco", "anxuyen", "No agency has the label"),
        ("tanthanh", "camau.localhost", None),
    ],
)
def test_bad_retirements_are_refused_with_a_sentence(merger, agency, into, message):
    if message is None:  # the portal may take over a site; the reverse is refused
        with pytest.raises(CommandError, match="Không thể ngừng Cổng"):
            call_command("retire_agency", "camau.localhost", into="tanthanh", stdout=StringIO())
        return
    with pytest.raises(CommandError, match=message):
        call_command("retire_agency", agency, into=into, stdout=StringIO())
    assert Agency.objects.get(domain_label="tanthanh").status == Agency.Status.ACTIVE


def test_circular_mergers_are_refused(merger):
    old, new = merger
    retire_agency(old, new)
    with pytest.raises(CommandError, match="không còn hoạt động"):
        call_command("retire_agency", "anxuyen", into="tanthanh", stdout=StringIO())
