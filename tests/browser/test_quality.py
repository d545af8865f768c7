"""Every public page type of the demo, in Vietnamese and English, at 390 px and 1366 px: no axe-core
violation (WCAG 2.1 A/AA, R93), no Nu HTML checker error, no horizontal overflow (R94).

The checkers come from scripts/quality_tools.sh (`make test` runs it): axe-core from npm, injected
into Debian's chromium by Playwright; the Nu HTML checker (nu.validator:validator from Maven Central)
run with the system java over the HTML the server sent. The page list is enumerated from the demo's
live pages — one per page type and locale — plus the search page and the HTML sitemap, so a new page
type is checked as soon as the demo holds one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from sites.models import Agency
from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent.parent
AXE = Path(os.environ.get("AXE_CORE_JS", ROOT / ".tools/axe/node_modules/axe-core/axe.min.js"))
NU_LIB = Path(os.environ.get("NU_VALIDATOR_LIB", ROOT / ".tools/nu/lib"))
VIEWPORTS = {"mobile": (390, 844), "desktop": (1366, 900)}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def require_tools() -> None:
    missing = [str(path) for path in (AXE, NU_LIB) if not path.exists()]
    if not shutil.which("java"):
        missing.append("java")
    if missing:
        message = f"quality tools missing ({', '.join(missing)}): run scripts/quality_tools.sh"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def demo(portal, make_agency, settings):
    """The demo's content on the portal, two wards and the departments that carry out procedures."""
    from cms import demo_information, demo_media, demo_procedures
    from cms.demo import load_content
    from localization.demo import load_translations

    settings.ALLOWED_HOSTS = ["*"]
    wards = [
        make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen"),
        make_agency("Ủy ban nhân dân phường Tân Thành", "tanthanh"),
    ]
    for name, label in [
        ("Sở Khoa học và Công nghệ", "sokhcn"),
        ("Sở Tài chính", "sotaichinh"),
        ("Sở Xây dựng", "soxaydung"),
    ]:
        make_agency(name, label, Agency.Kind.DEPARTMENT)
    quiet = lambda line: None  # noqa: E731
    load_content(portal.site, [ward.site for ward in wards], progress=quiet)
    demo_information.load(progress=quiet)
    demo_procedures.load(progress=quiet)
    demo_media.load(progress=quiet)
    load_translations(progress=quiet)
    return portal


def public_urls() -> list[tuple[str, str]]:
    """(host, path): one live page of each type in each locale, the search page and the sitemaps."""
    from wagtail.models import Page

    seen: set[tuple[str, str]] = set()
    urls: list[tuple[str, str]] = []
    for page in Page.objects.live().public().exclude(depth=1).specific().order_by("path"):
        key = (type(page).__name__, page.locale.language_code)
        if key in seen:
            continue
        _site_id, root_url, path = page.get_url_parts() or (None, None, None)
        if not root_url:
            continue
        seen.add(key)
        if getattr(page, "gazette_url", None):
            path += "?show=1"  # the Gazette link page redirects to the external Gazette site
        urls.append((root_url.split("://", 1)[1].split(":")[0], path))
    for host, path in [
        ("camau.localhost", "/search/?q=th%E1%BB%A7+t%E1%BB%A5c"),
        ("camau.localhost", "/search/?q=68/2026&tab=documents"),
        ("anxuyen.camau.localhost", "/search/?q=dang+ky"),
        ("camau.localhost", "/so-do-trang/"),
        ("camau.localhost", "/thu-tuc-hanh-chinh/?q=khai+sinh"),
    ]:
        urls.append((host, path))
    return urls


def test_every_public_page_type_passes_axe_and_nu_without_overflow(
    demo, chromium_browser, site_url, tmp_path
):
    require_tools()
    urls = public_urls()
    assert len(urls) >= 25, urls
    axe_source = AXE.read_text()
    problems: list[str] = []
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    client = Client()
    files: dict[str, str] = {}
    for n, (host, path) in enumerate(urls):
        response = client.get(path, HTTP_HOST=host, follow=True)
        if response.status_code != 200:
            problems.append(f"{host}{path}: HTTP {response.status_code}")
            continue
        name = f"{n:03d}.html"
        (html_dir / name).write_bytes(response.content)
        files[name] = f"{host}{path}"

    for device, (width, height) in VIEWPORTS.items():
        context = chromium_browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        page = context.new_page()
        page.set_default_timeout(30_000)
        for host, path in urls:
            try:
                page.goto(site_url(host, path), wait_until="load")
            except Exception as error:  # reported with the others, not a crash
                problems.append(f"{device} {host}{path}: {error}")
                continue
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{device} {host}{path}: {overflow}px horizontal overflow")
            page.evaluate(axe_source)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                AXE_TAGS,
            )
            for violation in result["violations"]:
                targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
                problems.append(
                    f"{device} {host}{path}: axe {violation['id']} ({violation['impact']}) at {targets}"
                )
        context.close()

    output = subprocess.run(
        [
            "java",
            "-cp",
            f"{NU_LIB}/*",
            "nu.validator.client.SimpleCommandLineValidator",
            "--errors-only",
            "--format",
            "json",
            *sorted(str(html_dir / name) for name in files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(output.stderr or output.stdout or '{"messages": []}')
    for message in report.get("messages", []):
        if message.get("type") == "error":
            source = files.get(Path(message.get("url", "")).name, message.get("url"))
            problems.append(f"Nu {source} line {message.get('lastLine')}: {message.get('message')}")
    assert not problems, f"{len(problems)} problems on {len(urls)} pages:\n" + "\n".join(problems)
