"""A standing fuzz suite (issue 11): property-based requests to every public URL pattern and every
live page with every query parameter the code reads, and to every public form, asserting no 5xx and,
for a refused form, no write.

Query parameter names are not a hand list: they are read from the project's source (every
``GET.get("…")``, ``params.get("…")``, ``POST.get("…")``), so a new filter is fuzzed as soon as
it exists. Public forms are found in the HTML of the public pages (plus the sign-in and setup-link
pages). ``FUZZ_EXAMPLES`` sets the number of generated requests per test (default 200)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
PROJECT_APPS = ("accounts", "cms", "localization", "moderation", "search", "sites")
READ_PARAM = re.compile(r"""(?:GET|POST|params|query|data)\.get(?:list)?\(\s*["']([A-Za-z_][\w-]*)["']""")
# The listing engine's filters (cms/listing.py) name their parameter first: TextFilter("number", …).
FILTER_PARAM = re.compile(r"""\b\w*Filter\(\s*["']([A-Za-z_][\w-]*)["']""")
# A ListingPage's filters are its listed model's fields: listing_filters = ("kind", "sector").
LISTING_FILTERS = re.compile(r"""listing_filters\s*=\s*\(([^)]*)\)""")
# Tables a refused request may legitimately write: sessions, the audit log, the login-failure log.
LOG_TABLES = ("django_session", "wagtailcore_modellogentry", "wagtailcore_pagelogentry", "axes_")


def query_parameter_names() -> list[str]:
    root = Path(django_settings.BASE_DIR)
    names = {"q", "page", "p", "format"}
    for app in PROJECT_APPS:
        for source in (root / app).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            names.update(READ_PARAM.findall(text))
            names.update(FILTER_PARAM.findall(text))
            for declared in LISTING_FILTERS.findall(text):
                names.update(re.findall(r"""["']([\w-]+)["']""", declared))
    return sorted(names)


def public_routes() -> list[str]:
    routes: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            text = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, text)
            elif isinstance(entry, URLPattern):
                routes.append(text.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return sorted({r for r in routes if not r.startswith(("admin/", "django-admin/"))})


class Forms(HTMLParser):
    """Every <form method=post> with its action and field names."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, list[str]]] = []
        self._current: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._current = (attrs.get("action") or "", [])
            self.forms.append(self._current)
        elif (
            tag in ("input", "select", "textarea")
            and self._current is not None
            and attrs.get("name")
            and attrs["name"] != "csrfmiddlewaretoken"
        ):
            self._current[1].append(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


@pytest.fixture
def public_world(portal, make_agency, make_document):
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    make_document("68/2026/QĐ-UBND", "Quy chế Cổng thông tin", fields=("Công nghệ thông tin",))
    document = get_document_model().objects.create(
        title="Tài liệu", file=ContentFile(b"%PDF-1.4 x", name="tai-lieu.pdf")
    )
    targets: list[tuple[str, str]] = []  # (host, path)
    for site in Site.objects.all():
        for page in Page.objects.descendant_of(site.root_page, inclusive=True).live().specific():
            url = page.get_url_parts()
            if url:
                targets.append((site.hostname, url[2]))
    fill = {
        "slug": "tin-tuc",
        "category": "tin-tuc",
        "label": ward.domain_label,
        "path": "gioi-thieu/",
        "document_id": str(document.pk),
        "document_filename": "tai-lieu.pdf",
        "filename": "tai-lieu.pdf",
    }
    for route in public_routes():
        if "(?P" in route or route == "":
            continue
        path = "/" + re.sub(r"<(?:[^>:]+:)?([^>]+)>", lambda m: fill.get(m.group(1), "1"), route)
        try:
            resolve(path)
        except Exception:
            continue
        targets.append((portal.site.hostname, path))
    return sorted(set(targets))


ODD_VALUES = st.one_of(
    st.text(max_size=60),
    st.from_regex(r"-?[0-9]{1,40}", fullmatch=True),
    st.sampled_from(
        [
            "9" * 25,
            "-1",
            "0",
            "1e999",
            "NaN",
            "2026-13-45",
            "31/02/2026",
            "\x00",
            "%00",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            '"',
            "*",
            "~",
            "AND OR NOT",
            "\u200b",
            "Ð" * 300,
            "a" * 5000,
            "../../etc/passwd",
            "=1+1",
        ]
    ),
)


def fingerprint() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        table = model._meta.db_table
        if model._meta.managed and not model._meta.proxy and not table.startswith(LOG_TABLES):
            counts[table] = model._default_manager.using("default").count()
    return counts


def test_parameter_names_come_from_the_code():
    names = query_parameter_names()
    for expected in (
        *("q", "tab", "type", "issuer", "field", "year", "agency", "issued_from", "leader"),
        *("category", "service_level", "kind", "sector"),  # the listing engine's filters, listing pages
    ):
        assert expected in names, expected


def test_every_public_url_takes_any_query(public_world):
    names = query_parameter_names()
    assert len(public_world) > 10
    client = Client(raise_request_exception=False)

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(
        target=st.sampled_from(public_world),
        params=st.dictionaries(st.sampled_from(names), ODD_VALUES, min_size=1, max_size=4),
    )
    def probe(target, params):
        host, path = target
        response = client.get(path, params, HTTP_HOST=host)
        assert response.status_code < 500, f"{host}{path}?{params} → {response.status_code}"

    probe()


def test_every_public_form_refuses_junk_cleanly(public_world, make_user):
    make_user("editor-a")  # an account to aim sign-in attempts at
    client = Client(raise_request_exception=False)
    forms: list[tuple[str, str, list[str]]] = []
    for host, path in public_world[:60]:
        response = client.get(path, HTTP_HOST=host)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser = Forms()
            parser.feed(response.content.decode(errors="replace"))
            forms.extend((host, action or path, fields) for action, fields in parser.forms)
    forms.append(("camau.localhost", "/admin/login/", ["username", "password", "next"]))
    forms.append(("camau.localhost", "/admin/2fa/setup-link/not-a-token/", ["password1", "password2"]))
    forms = sorted({(h, a, tuple(f)) for h, a, f in forms})
    assert len(forms) >= 3
    baseline = {"rows": fingerprint()}

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(form=st.sampled_from(forms), data=st.data())
    def probe(form, data):
        host, action, fields = form
        values = {name: data.draw(ODD_VALUES, label=name) for name in fields}
        response = client.post(action, values, HTTP_HOST=host)
        assert response.status_code < 500, f"POST {host}{action} {values} → {response.status_code}"
        if response.status_code == 302:  # accepted (e.g. the language switch): a new baseline
            baseline["rows"] = fingerprint()
        else:  # refused: nothing may have been written
            assert fingerprint() == baseline["rows"], f"POST {host}{action} {values} wrote rows"

    probe()
