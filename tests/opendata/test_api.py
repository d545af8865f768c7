"""The public API as a client uses it: scope per host, filters, ordering, cursors, modified_since,
conditional requests, rate limit, CORS, language versions, and nothing unpublished or restricted."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.models import LegalDocumentPage, NewsPage

from .conftest import ASKER, PORTAL, WARD, api

ENDPOINTS = ("legal-documents", "procedures", "news", "announcements")


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response) -> set[int]:
    return {item["id"] for item in results(response)}


def walk(host: str, path: str, **params) -> list[dict]:
    """Every item of a listing, following the cursors."""
    items, response = [], api(host, path, **params)
    while True:
        body = response.json()
        items += body["results"]
        if not body["next"]:
            return items
        response = Client(HTTP_HOST=host).get(body["next"])


# --- what is served -------------------------------------------------------------------------------


def test_drafts_unpublished_and_restricted_pages_are_never_served(province):
    served = ids(api(path="/api/v1/legal-documents/"))
    assert served == {province.document.pk, province.amending.pk}
    for hidden in (province.draft_document, province.private_document):
        assert api(path=f"/api/v1/legal-documents/{hidden.pk}/").status_code == 404
    # A published page's pending draft is not what the API shows.
    news = api(path=f"/api/v1/news/{province.redrafted_news.pk}/").json()
    assert news["title"] == "Tiêu đề đã đăng"
    # Related items that are not public are left out of the public ones' relations.
    procedure = api(path=f"/api/v1/procedures/{province.procedure.pk}/").json()
    assert [link["id"] for link in procedure["legal_basis"]] == [province.document.pk]
    # Unpublishing takes an item out at once (the cached list is purged).
    province.amending.unpublish()
    assert ids(api(path="/api/v1/legal-documents/")) == {province.document.pk}
    # So does a view restriction added later.
    PageViewRestriction.objects.create(page=province.document, restriction_type="login")
    assert ids(api(path="/api/v1/legal-documents/")) == set()


def test_every_page_endpoint_hides_a_restricted_section(province):
    """Restricting the news section hides every item under it, on every endpoint that lists them."""
    news_index = province.portal_news.get_parent()
    PageViewRestriction.objects.create(page=news_index, restriction_type="password", password="x")
    served = set()
    for endpoint in ENDPOINTS:
        served |= {item["url"] for item in walk(PORTAL, f"/api/v1/{endpoint}/")}
    assert not [url for url in served if url.startswith("http://camau.localhost/tin-tuc/")]
    assert province.ward_news_for_portal.full_url in served  # other sites' news is untouched


def test_portal_host_covers_every_site_and_a_component_host_only_its_own(province):
    portal = ids(api(PORTAL, "/api/v1/news/"))
    assert {province.portal_news.pk, province.ward_news_for_portal.pk, province.ward_news_local.pk} <= portal
    ward = ids(api(WARD, "/api/v1/news/"))
    assert ward == {province.ward_news_for_portal.pk, province.ward_news_local.pk}
    assert api(WARD, f"/api/v1/news/{province.portal_news.pk}/").status_code == 404
    assert ids(api(WARD, "/api/v1/legal-documents/")) == set()


def test_legal_document_carries_every_metadata_field_and_dublin_core(province):
    item = api(path=f"/api/v1/legal-documents/{province.amending.pk}/").json()
    assert item["number"] == "75/2026/QĐ-UBND"
    assert item["document_type"]["name"] == "Quyết định"
    assert item["issuer"]["name"] == "Ủy ban nhân dân tỉnh Cà Mau"
    assert item["signer"] == "Phạm Thành Ngại"
    assert (item["issued_on"], item["effective_on"], item["expires_on"]) == ("2026-06-20", "2026-06-30", None)
    assert item["status"] == "in_force"
    assert [field["name"] for field in item["fields"]] == ["Công nghệ thông tin"]
    assert item["attachments"][0]["url"].startswith("http://camau.localhost/documents/")
    assert item["relations"] == [
        {
            "kind": "amends",
            "document": {
                "id": province.document.pk,
                "title": province.document.title,
                "url": province.document.full_url,
            },
        }
    ]
    original = api(path=f"/api/v1/legal-documents/{province.document.pk}/").json()
    assert [r["document"]["id"] for r in original["related_by"]] == [province.amending.pk]
    dc = item["dublin_core"]
    for element in ("title", "creator", "date", "description", "publisher", "identifier"):
        assert dc[element], element
    assert dc["identifier"] == item["url"]
    assert dc["language"] == "vi"


def test_procedure_carries_the_decree_63_components(province):
    item = api(path=f"/api/v1/procedures/{province.procedure.pk}/").json()
    assert item["code"] == "1.004193"
    assert item["steps"][0]["responsible"] == "Bộ phận một cửa"
    assert item["dossier"] == [{"name": "Đơn đề nghị", "originals": 1, "copies": 0, "note": ""}]
    for key in (
        "implementing_agency",
        "processing_time",
        "applicants",
        "result",
        "fees_html",
        "national_portal_url",
    ):
        assert item[key], key


# --- filters, ordering, pagination ----------------------------------------------------------------


def test_legal_document_filters(province):
    path = "/api/v1/legal-documents/"
    both = {province.document.pk, province.amending.pk}
    assert ids(api(path=path, number="68/2026")) == {province.document.pk}
    assert ids(api(path=path, number="qđ-ubnd")) == both
    assert ids(api(path=path, type=province.document.document_type_id)) == both
    assert ids(api(path=path, type=999999)) == set()
    assert ids(api(path=path, issuer=province.document.issuer_id)) == both
    assert ids(api(path=path, field=province.document.fields.first().pk)) == both
    assert ids(api(path=path, issued_from="2026-06-01")) == {province.amending.pk}
    assert ids(api(path=path, issued_to="2026-05-31")) == {province.document.pk}
    assert ids(api(path=path, effective_from="2026-06-25", effective_to="2026-07-01")) == {
        province.amending.pk
    }
    assert ids(api(path=path, year=2026)) == both
    assert ids(api(path=path, status="expired")) == set()
    assert ids(api(path=path, agency=province.portal.pk)) == both
    assert ids(api(path=path, agency=province.ward.pk)) == set()
    bad = api(path=path, issued_from="not-a-date")
    assert bad.status_code == 400 and "issued_from" in bad.json()


def test_news_and_agency_filters(province):
    assert ids(api(path="/api/v1/news/", on_portal="true")) == {province.ward_news_for_portal.pk}
    assert ids(api(path="/api/v1/news/", category="du-lich", locale="vi")) == {province.portal_news.pk}
    assert ids(api(path="/api/v1/news/", agency=province.ward.pk)) == {
        province.ward_news_for_portal.pk,
        province.ward_news_local.pk,
    }
    dated = results(api(path="/api/v1/news/", date_from="2026-06-01"))
    assert {item["id"] for item in dated} == {province.ward_news_for_portal.pk}, dated
    wards = results(api(path="/api/v1/agencies/", kind="ward"))
    assert [agency["hostname"] for agency in wards] == ["anxuyen.camau.localhost"]


def test_ordering_and_stable_cursor_pagination(province):
    everything = walk(PORTAL, "/api/v1/news/", ordering="date")
    dates = [item["date"] for item in everything]
    assert dates == sorted(dates)
    paged = walk(PORTAL, "/api/v1/news/", ordering="date", page_size=1)
    assert [item["id"] for item in paged] == [item["id"] for item in everything]
    first = api(path="/api/v1/news/", ordering="-date", page_size=2).json()
    # A story published after the first page was read does not shift the next page.
    index = province.portal_news.get_parent()
    late = NewsPage(title="Tin mới đăng", slug="tin-moi", date=dt.date(2020, 1, 1))
    index.add_child(instance=late)
    late.save_revision().publish()
    second = Client(HTTP_HOST=PORTAL).get(first["next"]).json()
    seen = [item["id"] for item in first["results"] + second["results"]]
    assert len(seen) == len(set(seen)) == 4
    assert api(path="/api/v1/news/", cursor="garbage").status_code == 404


def test_modified_since_returns_what_changed_for_synchronisation(province):
    time.sleep(0.01)
    mark = dt.datetime.now(dt.UTC)
    assert ids(api(path="/api/v1/legal-documents/", modified_since=mark.isoformat())) == set()
    province.document.title = "Quy chế quản lý Cổng (sửa tên)"
    province.document.save_revision().publish()
    changed = results(api(path="/api/v1/legal-documents/", modified_since=mark.isoformat()))
    assert [(item["id"], item["dublin_core"]["title"]) for item in changed] == [
        (province.document.pk, "Quy chế quản lý Cổng (sửa tên)")
    ]
    # Any ISO offset is understood (+07:00 is Vietnam); an impossible one is a 400, not a 500.
    in_vietnam = mark.astimezone(dt.timezone(dt.timedelta(hours=7))).isoformat()
    assert ids(api(path="/api/v1/legal-documents/", modified_since=in_vietnam)) == {province.document.pk}
    assert api(path="/api/v1/legal-documents/", modified_since="0001-01-01T00:00:00+23:59").status_code == 400


def test_locale_variants(province):
    english = api(path="/api/v1/news/", locale="en")
    assert ids(english) == {province.english_news.pk}
    item = results(english)[0]
    assert item["locale"] == "en" and item["dublin_core"]["language"] == "en"
    assert item["translations"] == [
        {"locale": "vi", "id": province.portal_news.pk, "url": province.portal_news.full_url}
    ]
    original = api(path=f"/api/v1/news/{province.portal_news.pk}/").json()
    assert [(t["locale"], t["id"]) for t in original["translations"]] == [("en", province.english_news.pk)]
    assert province.english_news.pk not in ids(api(path="/api/v1/news/", locale="vi"))
    # A translation still in draft is not listed as a variant.
    province.english_news.unpublish()
    assert api(path=f"/api/v1/news/{province.portal_news.pk}/").json()["translations"] == []


# --- HTTP behaviour -------------------------------------------------------------------------------


def test_etag_and_last_modified_give_304_until_content_changes(province):
    client = Client(HTTP_HOST=PORTAL)
    first = client.get("/api/v1/legal-documents/")
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert "public" in first["Cache-Control"]
    assert client.get("/api/v1/legal-documents/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/api/v1/legal-documents/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    detail = client.get(f"/api/v1/legal-documents/{province.document.pk}/")
    assert client.get(detail.wsgi_request.path, HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304
    # Publishing anything moves both validators on.
    province.document.title = "Tên mới"
    province.document.save_revision().publish()
    again = client.get("/api/v1/legal-documents/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag
    assert client.get("/api/v1/legal-documents/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 200


def test_cached_answers_are_purged_by_publishing(province):
    assert "Tên mới" not in api(path="/api/v1/news/").content.decode()
    province.portal_news.title = "Tên mới"
    province.portal_news.save_revision().publish()
    assert "Tên mới" in api(path="/api/v1/news/").content.decode()


def test_rate_limit_per_address_with_retry_after(province, settings):
    settings.CONG_API_RATE_LIMIT = "3/m"
    client = Client(HTTP_HOST=PORTAL, REMOTE_ADDR="203.0.113.7")
    assert [client.get("/api/v1/agencies/").status_code for _ in range(3)] == [200, 200, 200]
    limited = client.get("/api/v1/agencies/")
    assert limited.status_code == 429
    assert 0 < int(limited["Retry-After"]) <= 60
    assert "detail" in limited.json()
    # Another address has its own allowance; a forged X-Forwarded-For buys nothing.
    assert Client(HTTP_HOST=PORTAL, REMOTE_ADDR="203.0.113.8").get("/api/v1/agencies/").status_code == 200
    forged = client.get("/api/v1/agencies/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert forged.status_code == 429


def test_redis_down_means_local_limits_and_no_500(province, settings, monkeypatch):
    """The API's shared cache is a Redis on a port where nothing listens: answers still come (from the
    database), and the rate limit still holds (counted in local memory)."""
    from django.core.cache.backends.redis import RedisCache

    from opendata import cache as api_cache

    monkeypatch.setattr(api_cache, "shared_cache", RedisCache("redis://127.0.0.1:1/0", {}))
    settings.CONG_API_RATE_LIMIT = "2/m"
    client = Client(HTTP_HOST=PORTAL, REMOTE_ADDR="203.0.113.9")
    first = client.get("/api/v1/legal-documents/")
    assert first.status_code == 200 and len(first.json()["results"]) == 2
    assert client.get("/api/v1/legal-documents/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/api/v1/legal-documents/").status_code == 429


def test_cors_for_get_only_and_no_cookies(province):
    client = Client(HTTP_HOST=PORTAL, HTTP_ORIGIN="https://data.gov.vn")
    response = client.get("/api/v1/news/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/news/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST", HTTP_ORIGIN="https://data.gov.vn"
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")
    assert client.post("/api/v1/news/").status_code == 405
    assert "Set-Cookie" not in response
    # Pages outside the API get no CORS headers.
    assert (
        not Client(HTTP_HOST=PORTAL, HTTP_ORIGIN="https://x.example")
        .get("/")
        .has_header("Access-Control-Allow-Origin")
    )


def test_schema_and_browsable_page_use_only_self_hosted_scripts(province):
    schema = api(path="/api/v1/schema/", format="json")
    assert schema.status_code == 200
    body = schema.json()
    assert body["openapi"].startswith("3.")
    assert all(path.startswith("/api/v1/") for path in body["paths"])
    page = api(path="/api/v1/schema/ui/")
    html = page.content.decode()
    assert page.status_code == 200 and "<script>" not in html
    assert "script-src 'self'" in page["Content-Security-Policy"]
    for src in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"):
        assert f"/static/drf_spectacular_sidecar/swagger-ui-dist/{src}" in html
    script = api(path="/api/v1/schema/ui/", script="")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_catalogue_exports(province, fmt):
    province.document.summary = '=HYPERLINK("http://evil.example")'
    province.document.save_revision().publish()
    response = api(path=f"/api/v1/export/legal-documents.{fmt}")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    if fmt == "csv":
        assert response["Content-Type"].startswith("text/csv")
        assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
        assert "68/2026/QĐ-UBND" in text and "99/2026" not in text and "100/2026" not in text
        procedures = api(path="/api/v1/export/procedures.csv").content.decode("utf-8-sig")
        assert "1.004193" in procedures
    else:
        body = response.json()
        assert body["count"] == 2
        numbers = {item["number"] for item in body["items"]}
        assert numbers == {"68/2026/QĐ-UBND", "75/2026/QĐ-UBND"}
        amending = next(item for item in body["items"] if item["number"] == "75/2026/QĐ-UBND")
        assert amending["amends"] == "68/2026/QĐ-UBND"


def test_every_list_endpoint_answers_and_links_from_the_index(province):
    index = api(path="/api/v1/").json()
    for name, url in index.items():
        response = Client(HTTP_HOST=PORTAL).get(url.replace("http://camau.localhost", ""))
        assert response.status_code == 200, name
    assert LegalDocumentPage.objects.count() == 4  # two public, one draft, one restricted


NASTY = ["9" * 25, "-1", "1e999", "2026-13-45", "\x00", "' OR 1=1 --", "Ð" * 300, "=1+1"]


def test_odd_values_in_every_declared_parameter_are_4xx_never_500(province):
    """Every query parameter the schema declares, on every list endpoint, with hostile values."""
    schema = api(path="/api/v1/schema/", format="json").json()
    for path, operations in schema["paths"].items():
        if "{" in path:
            continue
        for parameter in operations["get"].get("parameters", []):
            for value in NASTY:
                response = api(path=path, **{parameter["name"]: value})
                assert response.status_code in (200, 400, 404), (path, parameter["name"], value)


def test_answers_and_consultations_without_the_asker(province):
    answers = results(api(path="/api/v1/answers/"))
    assert [item["id"] for item in answers] == [province.answer.pk]
    text = api(path=f"/api/v1/answers/{province.answer.pk}/").content.decode()
    assert "Nộp đơn đề nghị cấp lại" in text
    assert ASKER not in text and "HD-2026-000123" not in text
    consultation = api(path=f"/api/v1/consultations/{province.consultation.pk}/").json()
    assert consultation["state"] == "open"
    assert ids(api(path="/api/v1/consultations/", open_on="2026-06-01")) == {province.consultation.pk}
    assert ids(api(path="/api/v1/consultations/", open_on="2100-01-01")) == set()


def test_pages_carry_the_boards_correction_notes_and_withdrawal(province):
    """R45 in the API: what the page shows (dated correction notes, a withdrawal in force), loaded for a
    whole list at once; a later reinstatement lifts the withdrawal; the cached answer follows."""
    from moderation.models import CorrectionRequest

    document, procedure = province.document, province.procedure
    before = api(path="/api/v1/legal-documents/").json()
    assert all(item["notices"] == {"corrections": [], "withdrawal": None} for item in before["results"])

    def approved(page, kind: str, note: str, days_ago: int) -> CorrectionRequest:
        return CorrectionRequest.objects.create(
            page=page,
            site=page.get_site(),
            kind=kind,
            requested_by_party="board",
            reason="Theo yêu cầu",
            public_note=note,
            status="approved",
            decided_at=timezone.now() - dt.timedelta(days=days_ago),
        )

    approved(document, "correction", "Sửa ngày hiệu lực thành 22/05/2026.", 3)
    approved(document, "correction", "Bổ sung tệp đính kèm Phụ lục II.", 1)
    CorrectionRequest.objects.create(  # pending: not shown
        page=document, site=document.get_site(), kind="withdrawal", requested_by_party="board", reason="Chờ"
    )
    approved(procedure, "withdrawal", "Thủ tục đã được bãi bỏ.", 2)

    listed = {item["id"]: item["notices"] for item in walk(PORTAL, "/api/v1/legal-documents/")}
    notes = listed[document.pk]["corrections"]
    assert [n["note"] for n in notes] == [
        "Sửa ngày hiệu lực thành 22/05/2026.",
        "Bổ sung tệp đính kèm Phụ lục II.",
    ]
    assert all(n["date"] for n in notes) and listed[document.pk]["withdrawal"] is None
    detail = api(path=f"/api/v1/procedures/{procedure.pk}/").json()["notices"]
    assert detail["withdrawal"]["note"] == "Thủ tục đã được bãi bỏ." and detail["corrections"] == []

    approved(procedure, "reinstatement", "", 0)
    assert api(path=f"/api/v1/procedures/{procedure.pk}/").json()["notices"]["withdrawal"] is None

    # One query for the notices of a whole page of results, not one per item.
    cache.clear()  # an answer computed now, not the cached one
    with CaptureQueriesContext(connection) as queries:
        assert len(results(api(path="/api/v1/legal-documents/"))) >= 2
    notice_queries = [q for q in queries.captured_queries if "moderation_correctionrequest" in q["sql"]]
    assert len(notice_queries) == 1, notice_queries
