"""The one email helper (sites.notifications): language per recipient, absolute links, who gets workflow mail."""

from __future__ import annotations

from django.core import mail
from django.test import override_settings
from wagtail.models import Site

from sites.notifications import notify
from sites.public_urls import absolute_url, base_url


@override_settings(WAGTAILADMIN_BASE_URL="http://camau.localhost:8000")
def test_links_keep_the_configured_scheme_and_port_on_the_sites_own_host(db):
    site = Site(hostname="anxuyen.camau.localhost", port=80)
    assert base_url() == "http://camau.localhost:8000"
    assert (
        absolute_url(site, "/admin/pages/3/edit/")
        == "http://anxuyen.camau.localhost:8000/admin/pages/3/edit/"
    )


@override_settings(WAGTAILADMIN_BASE_URL="https://camau.gov.vn")
def test_the_default_port_of_the_scheme_is_left_out(db):
    assert (
        absolute_url(Site(hostname="anxuyen.camau.gov.vn"), "admin/") == "https://anxuyen.camau.gov.vn/admin/"
    )


def test_each_recipient_reads_the_email_in_their_admin_language(
    make_user, portal, django_capture_on_commit_callbacks
):
    from wagtail.users.models import UserProfile

    reader_vi = make_user("doc.tiengviet")
    reader_en = make_user("reads.english")
    profile = UserProfile.get_for_user(reader_en)
    profile.preferred_language = "en"
    profile.save()
    silent = make_user("khong.email")
    silent.email = ""
    silent.save()
    locked = make_user("da.khoa", is_active=False)
    mail.outbox.clear()
    context = {"username": "ctv.anxuyen"}
    with django_capture_on_commit_callbacks(execute=True):
        count = notify([reader_vi, reader_en, silent, locked], "accounts/email/locked", context)
    assert count == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {reader_vi.email, reader_en.email}
    assert by_address[reader_vi.email].subject == "Tài khoản ctv.anxuyen đã bị khóa"
    assert by_address[reader_en.email].subject == "Account ctv.anxuyen locked"


def test_nothing_is_sent_for_work_that_rolled_back(make_user, portal):
    reader = make_user("doc.tiengviet")
    mail.outbox.clear()
    notify([reader], "accounts/email/locked", {"username": "x"})  # the test transaction never commits
    assert mail.outbox == []
