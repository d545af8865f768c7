"""Issue 11 hole 6: one agency's staff cannot read another agency's objects in the admin.

Hand-written attacks for the holes found (submission history and usage, page chooser and its search,
admin API documents/images/pages), then a crawl of the admin URL resolver: every route that takes an
object id is requested with agency B's objects by agency A's administrator and editor; none may
answer with B's content."""

from __future__ import annotations

import json

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import resolve
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.models import StandardPage
from moderation.models import Submission
from tests.conftest import login_admin

from .test_admin_urls import PARAM, admin_patterns

pytestmark = pytest.mark.django_db
SECRET = "Mật-B"


@pytest.fixture
def b_objects(world):
    """Agency B's objects, each carrying the marker that must never reach agency A's staff."""
    home = world.b.site.root_page
    draft = StandardPage(title=f"{SECRET} trang nháp", slug="trang-nhap-b", live=False)
    home.add_child(instance=draft)
    revision = draft.save_revision(user=world.editor_b)
    image = get_image_model().objects.create(
        title=f"{SECRET} ảnh", file=get_test_image_file(), collection=world.b.collection
    )
    document = get_document_model().objects.create(
        title=f"{SECRET} tài liệu",
        file=ContentFile(b"%PDF-1.4 b", name="b.pdf"),
        collection=world.b.collection,
    )
    submission = Submission.objects.create(
        site=world.b.site,
        page=draft,
        category=Submission._meta.get_field("category").choices[0][0],
        responsible_name=f"{SECRET} người phụ trách",
        received_at=timezone.now(),
    )
    world.editor_b.first_name = f"{SECRET} người"
    world.editor_b.save()
    return {
        "page": draft.pk,
        "revision": revision.pk,
        "image": image.pk,
        "document": document.pk,
        "submission": submission.pk,
        "user": world.editor_b.pk,
    }


def as_user(user) -> Client:
    client = Client(raise_request_exception=False)
    login_admin(client, user)
    return client


def leaks(response) -> bool:
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    return SECRET in response.content.decode(errors="replace")


def test_submission_history_and_usage_are_closed_to_other_agencies(world, b_objects):
    pk = b_objects["submission"]
    for user in (world.admin_a, world.editor_a):
        client = as_user(user)
        for view in ("history", "usage", "edit", "inspect"):
            url = f"/admin/snippets/moderation/submission/{view}/{pk}/"
            response = client.get(url)
            assert not leaks(response), url
            assert response.status_code in (302, 403, 404), (url, response.status_code)
    own = as_user(world.editor_b).get(f"/admin/snippets/moderation/submission/history/{pk}/")
    assert own.status_code == 200


def test_listings_choosers_and_searches_hide_other_agencies_objects(world, b_objects):
    client = as_user(world.editor_a)
    for url in (
        "/admin/choose-page/",
        f"/admin/choose-page/{world.b.site.root_page.pk}/",
        "/admin/choose-page/search/?q=M%E1%BA%ADt",
        "/admin/choose-page/search/?q=trang",
        "/admin/pages/search/?q=M%E1%BA%ADt",  # the explorer's search and the admin-wide search
        "/admin/search/?q=M%E1%BA%ADt",
        "/admin/documents/?q=M%E1%BA%ADt",
        "/admin/images/?q=M%E1%BA%ADt",
        "/admin/snippets/moderation/submission/?q=M%E1%BA%ADt",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/",
        "/admin/moderation/deadlines/",
    ):
        response = client.get(url)
        assert not leaks(response), url
    # Their own drafts and other sites' live pages are still there to link to.
    own = as_user(world.editor_b).get("/admin/choose-page/search/?q=trang")
    assert SECRET in own.content.decode()


def test_admin_api_lists_only_the_users_collections_and_pages(world, b_objects):
    client = as_user(world.editor_a)
    for url in (
        "/admin/api/main/documents/",
        "/admin/api/main/images/",
        "/admin/api/main/pages/?search=M%E1%BA%ADt",
        f"/admin/api/main/documents/{b_objects['document']}/",
        f"/admin/api/main/images/{b_objects['image']}/",
        f"/admin/api/main/pages/{b_objects['page']}/",
    ):
        response = client.get(url)
        assert not leaks(response), url
        if response.status_code == 200 and url.endswith("main/documents/"):
            titles = [item["title"] for item in json.loads(response.content)["items"]]
            assert all(SECRET not in title for title in titles)
    own = as_user(world.editor_b).get("/admin/api/main/documents/")
    assert SECRET in own.content.decode()


def fill(route: str, ids: dict) -> str | None:
    """The route with B's object ids, or None when it names no kind of object B owns."""
    snippet_models = {"moderation/submission": ids["submission"]}
    missing = False

    def value(match) -> str:
        nonlocal missing
        name = match.group("name")
        for key, model_route in (
            ("image", "images/"),
            ("document", "documents/"),
            ("user", "users/"),
            ("user", "agency-users/"),
        ):
            if route.startswith(f"admin/{model_route}") and name in (
                "pk",
                "image_id",
                "document_id",
                "user_id",
            ):
                return str(ids[key])
        if name in ("page_id", "parent_page_id", "page_to_move_id"):
            return str(ids["page"])
        if name == "revision_id":
            return str(ids["revision"])
        for path, pk in snippet_models.items():
            if f"snippets/{path}/" in route and name in ("pk", "object_id"):
                return str(pk)
        if "choose-page" in route and name == "parent_page_id":
            return str(ids["page"])
        if name in ("pk", "object_id", "id") and route.startswith("admin/api/main/pages"):
            return str(ids["page"])
        if name in ("pk",) and route.startswith("admin/api/main/documents"):
            return str(ids["document"])
        if name in ("pk",) and route.startswith("admin/api/main/images"):
            return str(ids["image"])
        missing = True
        return "x"

    text = PARAM.sub(value, route)
    if missing or "(?P" in route:
        return None
    url = "/" + text
    try:
        resolve(url)
    except Exception:
        return None
    return url


def test_crawl_every_admin_view_with_an_object_id(world, b_objects):
    routes = [route for route in admin_patterns() if "<" in route]
    urls = sorted({url for route in routes if (url := fill(route, b_objects))})
    assert len(urls) > 60, f"only {len(urls)} object URLs filled"
    leaked = []
    for user in (world.admin_a, world.editor_a):
        client = as_user(user)
        for url in urls:
            response = client.get(url)
            if leaks(response):
                leaked.append(f"{user.username} GET {url} → {response.status_code}")
            assert response.status_code < 500, f"{url} → {response.status_code}"
    assert not leaked, "\n".join(leaked)
    # The crawl would see a leak: B's own editor reads these pages.
    own = as_user(world.editor_b)
    assert sum(leaks(own.get(url)) for url in urls) > 10
    print(f"{len(urls)} admin URLs with an object id crawled as two users of agency A")
