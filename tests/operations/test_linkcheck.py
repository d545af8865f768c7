"""Weekly broken-link check (R84), against local servers on 127.0.0.1 only."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from cms.models import StandardPage
from operations.models import BrokenLink, LinkCheckRun
from sites.models import Agency, AgencyGroup
from tests.conftest import group_of, login_admin


class LocalSite(BaseHTTPRequestHandler):
    """/ok 200, /gone 404 (until fixed), /slow sleeps past the timeout, /nohead refuses HEAD,
    /private/… is disallowed by robots.txt; records how many requests run at once."""

    state = {"active": 0, "most": 0, "gone_fixed": False, "lock": threading.Lock(), "private_hits": 0}

    def log_message(self, *args):  # quiet
        pass

    def _answer(self, with_body: bool) -> None:
        state = self.state
        with state["lock"]:
            state["active"] += 1
            state["most"] = max(state["most"], state["active"])
        counted = True
        try:
            time.sleep(0.05)
            if self.path == "/robots.txt":
                status, body = 200, b"User-agent: *\nDisallow: /private\n"
            elif self.path.startswith("/ok"):
                status, body = 200, b"ok"
            elif self.path == "/gone":
                status, body = (200, b"back") if state["gone_fixed"] else (404, b"gone")
            elif self.path == "/slow":
                time.sleep(0.5)
                # The checker gives up at 1 s; from then on this handler no longer holds one of the
                # checker's two slots, so it stops counting itself as a request in flight.
                with state["lock"]:
                    state["active"] -= 1
                counted = False
                time.sleep(2.0)
                status, body = 200, b"late"
            elif self.path == "/nohead":
                status, body = (200, b"get only") if with_body else (405, b"")
            elif self.path.startswith("/private"):
                state["private_hits"] += 1
                status, body = 404, b"secret"
            else:
                status, body = 404, b"?"
        finally:
            # Before the answer goes out: once the checker has it, it may start its next request to
            # this host, possibly before this thread would get to count this one as finished.
            if counted:
                with state["lock"]:
                    state["active"] -= 1
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_GET(self):
        self._answer(True)

    def do_HEAD(self):
        self._answer(False)


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), LocalSite)
    LocalSite.state.update(active=0, most=0, gone_fixed=False, private_hits=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def linked_page(make_agency, local_server, settings):
    settings.LINKCHECK_ALLOW_PRIVATE = True  # the local server is on loopback
    ward = make_agency("Phường An Xuyên", "anxuyen", kind=Agency.Kind.WARD)
    links = "".join(f'<a href="{local_server}/ok/{n}">ok {n}</a> ' for n in range(8))
    paragraph = (
        f'<p>{links}<a href="{local_server}/gone">gone</a> <a href="{local_server}/slow">slow</a> '
        f'<a href="{local_server}/nohead">nohead</a> <a href="{local_server}/private/x">private</a> '
        '<a href="/khong-ton-tai/">internal missing</a> <a href="/gioi-thieu/">internal ok</a> '
        '<a linktype="page" id="999999">deleted page</a> <a href="mailto:ubnd@camau.gov.vn">mail</a></p>'
    )
    page = ward.site.root_page.add_child(
        instance=StandardPage(title="Liên kết hữu ích", slug="lien-ket", body=[("paragraph", paragraph)])
    )
    return ward, page, local_server


def broken_urls() -> dict[str, BrokenLink]:
    return {link.url: link for link in BrokenLink.objects.all()}


def test_broken_links_are_listed_per_site_and_flagged_after_three_runs(linked_page):
    ward, page, server = linked_page
    out = StringIO()
    call_command("check_links", timeout=1, workers=4, stdout=out)
    assert "distinct links" in out.getvalue() and "broken links" in out.getvalue()  # progress
    broken = broken_urls()
    assert set(broken) == {f"{server}/gone", f"{server}/slow", "/khong-ton-tai/", "page:999999"}
    assert broken[f"{server}/gone"].status_code == 404
    assert broken[f"{server}/slow"].error == "timed out"
    assert broken["/khong-ton-tai/"].status_code == 404
    assert all(link.site_id == ward.site.pk and link.page_id == page.pk for link in broken.values())
    assert LocalSite.state["private_hits"] == 0  # robots.txt respected
    assert LocalSite.state["most"] <= 2  # at most two requests at a time to one host

    call_command("check_links", timeout=1, stdout=StringIO())
    call_command("check_links", timeout=1, stdout=StringIO())
    gone = BrokenLink.objects.get(url=f"{server}/gone")
    assert gone.consecutive_failures == 3 and gone.flagged

    # A link that works again leaves the list.
    LocalSite.state["gone_fixed"] = True
    call_command("check_links", timeout=1, stdout=StringIO())
    assert f"{server}/gone" not in broken_urls()
    assert LinkCheckRun.objects.count() == 4


def test_private_addresses_are_not_fetched_in_production(linked_page, settings):
    settings.LINKCHECK_ALLOW_PRIVATE = False
    call_command("check_links", timeout=1, stdout=StringIO())
    assert set(broken_urls()) == {"/khong-ton-tai/", "page:999999"}
    assert LocalSite.state["most"] == 0


def test_bad_options_get_a_sentence(db):
    with pytest.raises(CommandError, match="No site"):
        call_command("check_links", site="khong-co.camau.localhost")
    with pytest.raises(CommandError, match="--workers"):
        call_command("check_links", workers=0)


def test_editors_see_their_own_sites_broken_links_only(client, linked_page, make_agency, make_user):
    ward, page, server = linked_page
    other = make_agency("Xã Tân Thành", "tanthanh", kind=Agency.Kind.COMMUNE)
    other_page = other.site.root_page.add_child(
        instance=StandardPage(
            title="Trang khác", slug="khac", body=[("paragraph", f'<a href="{server}/gone">x</a>')]
        )
    )
    call_command("check_links", timeout=1, stdout=StringIO())
    assert BrokenLink.objects.filter(page=other_page).exists()
    editor = make_user("bientap-anxuyen", group_of(ward, AgencyGroup.Role.EDITORS))
    login_admin(client, editor)
    html = client.get("/admin/operations/broken-links/", HTTP_HOST="anxuyen.camau.localhost").content.decode()
    assert "/khong-ton-tai/" in html and "Trang khác" not in html
    assert Page.objects.get(pk=page.pk).title in html
