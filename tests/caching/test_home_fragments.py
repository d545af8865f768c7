"""A home's news and quick links are kept rendered (sites.cache fragments with topics) until a page of
the kinds they show changes in the home's tree: a page-cache miss (a query variant, a signed-in
visitor, the first view after any purge) does not rebuild them for an unrelated change, and every
change of their own kind is seen on the next view, through every route to it."""

from __future__ import annotations

import itertools
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.models import GazetteLinkPage, NewsPage, StandardPage
from sites.models import Agency
from tests.conftest import login_admin

pytestmark = pytest.mark.django_db

WARD = "anxuyen.camau.localhost"
_variant = itertools.count()


def home(host: str = WARD) -> tuple[str, list[str]]:
    """The home as read with a query string never seen before (a page-cache miss), and the SQL run."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(f"/?lan={next(_variant)}", HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries]


def news_queries(sql: list[str]) -> list[str]:
    return [query for query in sql if "cms_newspage" in query]


@pytest.fixture
def about(province) -> StandardPage:
    """A menu-level page made before the home is read (a change under it is not a menu change)."""
    page = StandardPage(title="Văn hóa, lịch sử", slug="van-hoa-lich-su")
    province["home"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_an_unrelated_publish_leaves_the_news_and_quick_links_as_rendered(province, about):
    before, sql = home()
    assert news_queries(sql), "the first view builds the news cards"
    child = StandardPage(title="Lịch sử hình thành", slug="lich-su")
    about.add_child(instance=child)
    child.save_revision().publish()
    after, sql = home()
    assert not news_queries(sql)
    assert "Tin số 2" in after and after.count("news-card") == before.count("news-card")


def test_each_change_to_a_news_item_is_on_the_next_view(province, about):
    home()
    news = province["news"]
    item = NewsPage(title="Khánh thành cầu Phan Ngọc Hiển", slug="khanh-thanh-cau", date="2026-07-01")
    news.add_child(instance=item)
    item.save_revision().publish()
    page, sql = home()
    assert news_queries(sql) and "Khánh thành cầu Phan Ngọc Hiển" in page

    item.title = "Khánh thành cầu Phan Ngọc Hiển mới"
    item.save_revision().publish()
    assert "Khánh thành cầu Phan Ngọc Hiển mới" in home()[0]

    item.move(about, pos="last-child")  # out of the news section, still in the tree
    item.refresh_from_db()
    assert "Khánh thành cầu Phan Ngọc Hiển mới" in home()[0]  # a news item is a news item anywhere

    item.unpublish()
    assert "Khánh thành cầu" not in home()[0]
    item.save_revision().publish()
    assert "Khánh thành cầu" in home()[0]
    Page.objects.get(pk=item.pk).delete()
    assert "Khánh thành cầu" not in home()[0]


def test_a_news_item_moved_to_another_site_leaves_one_home_for_the_other(province, make_agency):
    other = make_agency("Ủy ban nhân dân phường Tân Thành", "tanthanh", Agency.Kind.WARD)
    other_host = other.site.hostname
    home(), home(other_host)
    item = province["items"][2]
    assert "Tin số 2" in home()[0] and "Tin số 2" not in home(other_host)[0]
    Page.objects.get(pk=item.pk).move(other.site.root_page, pos="last-child")
    assert "Tin số 2" not in home()[0]
    assert "Tin số 2" in home(other_host)[0]


def test_a_quick_link_page_deep_in_the_tree_appears_on_the_next_view(province, about):
    assert "quick-links__item--gazette" not in home()[0]
    gazette = GazetteLinkPage(
        title="Công báo tỉnh", slug="cong-bao", gazette_url="https://congbao.camau.gov.vn/"
    )
    about.add_child(instance=gazette)
    gazette.save_revision().publish()
    assert "quick-links__item--gazette" in home()[0]
    gazette.unpublish()
    assert "quick-links__item--gazette" not in home()[0]


def test_the_home_preview_shows_the_draft_not_the_kept_sections(province, superuser):
    home()
    page = province["home"]
    page.intro = "<p>Lời giới thiệu bản nháp chưa duyệt</p>"
    revision = page.save_revision()
    client = Client()
    login_admin(client, superuser)
    preview = client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/", HTTP_HOST=WARD)
    assert preview.status_code == 200
    intro = re.compile(r'class="lead home-intro">\s*(<div[^>]*>\s*)?<p[^>]*>Lời giới thiệu bản nháp')
    assert intro.search(preview.content.decode())
    assert not intro.search(home()[0])
