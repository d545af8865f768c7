"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Sites are told apart by host, and Chromium resolves every `*.localhost` name to loopback, so a test
reaches the portal at `http://camau.localhost:<port>/` without touching /etc/hosts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from sites.models import AgencyGroup
from tests.conftest import IN_CI, group_of, restore_migration_rows


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator:
    executable = shutil.which("chromium")
    if not executable:
        message = "Debian's chromium package is not installed"
        if IN_CI:
            pytest.fail(f"{message}: under CI=true scripts/services.sh must install it.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread for the session; the ORM calls the
    # tests make around it are still synchronous and safe. Only while browsers are running.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=["--no-sandbox"]
            )
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_page(chromium_browser):
    context = chromium_browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def public_base_url(live_server, settings):
    """Absolute links (between sites, the language switcher, redirects) name the configured port
    (sites.public_urls), which here is the live server's."""
    from wagtail.models import Site

    settings.WAGTAILADMIN_BASE_URL = f"http://camau.localhost:{urlsplit(live_server.url).port}"
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def site_url(live_server):
    """site_url("camau.localhost", "/path/") → the live server's address for that host."""
    port = urlsplit(live_server.url).port

    def build(hostname: str, path: str = "/") -> str:
        return f"http://{hostname}:{port}{path}"

    return build


# The project's own data migrations (managed lists a fresh installation starts with).
@pytest.fixture(autouse=True)
def migration_rows(transactional_db):
    """Live-server tests run in transactional mode and flush the database afterwards; put back the
    rows data migrations made (tests.conftest.restore_migration_rows)."""
    restore_migration_rows()


@pytest.fixture
def admin_login(browser_page, site_url):
    """admin_login(user, "camau.localhost") → the browser page is signed in to that host's admin,
    2FA passed, through the same session tests.conftest.login_admin makes for the test client."""
    from django.conf import settings
    from django.test import Client

    from tests.conftest import login_admin

    def sign_in(user, hostname: str = "camau.localhost") -> None:
        client = Client()
        login_admin(client, user)
        session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
        browser_page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": site_url(hostname)}]
        )

    return sign_in


@pytest.fixture
def ward_people(portal, make_agency, make_user):
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    editors, board = group_of(ward, AgencyGroup.Role.EDITORS), group_of(ward, AgencyGroup.Role.BOARD)
    return {
        "ward": ward,
        "editor": make_user("btv.anxuyen", editors, first_name="Lan", last_name="Trần Thị"),
        "head": make_user("truongban.anxuyen", board, first_name="Hùng", last_name="Lê Văn"),
        "deputy": make_user("phoban.anxuyen", board, first_name="Tâm", last_name="Võ Thị"),
        "admin": make_user("quantri.anxuyen", group_of(ward, AgencyGroup.Role.ADMINS), first_name="Minh"),
    }
