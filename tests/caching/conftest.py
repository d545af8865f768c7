"""Fixtures of the page cache's tests."""

from __future__ import annotations

import pytest

from cms.models import NewsCategory, NewsIndexPage, NewsPage
from sites.models import Agency


@pytest.fixture
def province(portal, make_agency):
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen", Agency.Kind.WARD)
    make_agency("Sở Tài chính", "sotaichinh", Agency.Kind.DEPARTMENT)
    home = ward.site.root_page.specific
    news = NewsIndexPage(title="Tin tức", slug="tin-tuc", show_in_menus=True)
    home.add_child(instance=news)
    news.save_revision().publish()
    category = NewsCategory.objects.create(name="Thời sự", slug="thoi-su")
    items = []
    for n in range(3):
        item = NewsPage(
            title=f"Tin số {n}", slug=f"tin-{n}", date=f"2026-06-0{n + 1}", summary=f"Tóm tắt {n}"
        )
        news.add_child(instance=item)
        item.categories.add(category)
        item.save_revision().publish()
        items.append(item)
    return {"ward": ward, "home": home, "news": news, "items": items, "category": category}
