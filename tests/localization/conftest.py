"""Fixtures for the foreign-language tests: English trees, translators and a review workflow."""

from __future__ import annotations

import pytest
from wagtail.models import GroupApprovalTask, Locale, Page, Workflow, WorkflowPage, WorkflowTask

from cms.models import NewsIndexPage, NewsPage, StandardPage
from localization.locales import translate_page
from sites.models import AgencyGroup
from tests.conftest import group_of


@pytest.fixture
def en(db) -> Locale:
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home(portal) -> Page:
    return portal.site.root_page.specific


@pytest.fixture
def intro(home) -> StandardPage:
    return StandardPage.objects.child_of(home).get(slug="gioi-thieu")


@pytest.fixture
def english_portal(portal, home, intro, en):
    """The portal's home and introduction in English; a news section that exists only in Vietnamese."""
    translate_page(home, en, {home.title: "Ca Mau Provincial People's Committee"})
    translate_page(intro, en, {"Giới thiệu": "Introduction"})
    news = NewsIndexPage(title="Tin tức", slug="tin-tuc", show_in_menus=True)
    home.add_child(instance=news)
    news.save_revision().publish()
    item = NewsPage(title="Tin chỉ có tiếng Việt", slug="tin-chi-tieng-viet", date="2026-06-01")
    news.add_child(instance=item)
    item.save_revision().publish()
    return {"home": home, "intro": intro, "news": news, "item": item}


@pytest.fixture
def board_workflow(portal, home):
    """The site's review workflow as the moderation app would set it: the board approves."""
    task = GroupApprovalTask.objects.create(name="Ban Biên tập duyệt")
    task.groups.set([group_of(portal, AgencyGroup.Role.BOARD)])
    workflow = Workflow.objects.create(name="Duyệt tin – UBND tỉnh")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
