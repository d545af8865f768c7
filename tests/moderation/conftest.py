"""Two ward sites with their people, and helpers that drive the page editor and workflow actions over HTTP."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import StandardPage
from sites.models import AgencyGroup
from tests.conftest import group_of, login_admin

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
# Every point of the verification step's checklist, ticked (R40).
CHECKLIST = dict.fromkeys(
    ["source_verified", "lawful", "accurate", "not_confidential", "right_field", "format_ok"], "on"
)


@pytest.fixture
def wards(two_wards, make_user):
    """An Xuyên with contributors, an editor and two board members; Tân Thành with a contributor."""
    an_xuyen, tan_thanh = two_wards
    editors = group_of(an_xuyen, AgencyGroup.Role.EDITORS)
    board = group_of(an_xuyen, AgencyGroup.Role.BOARD)
    return SimpleNamespace(
        an_xuyen=an_xuyen,
        tan_thanh=tan_thanh,
        contributor=make_user("ctv.anxuyen", editors, first_name="Lan"),
        contributor2=make_user("ctv2.anxuyen", editors),
        editor=make_user("btv.anxuyen", editors),
        head=make_user("truongban.anxuyen", board),
        deputy=make_user("phoban.anxuyen", board),
        other_contributor=make_user("ctv.tanthanh", group_of(tan_thanh, AgencyGroup.Role.EDITORS)),
    )


def draft_page(site_root: Page, title: str, slug: str, user=None) -> StandardPage:
    page = StandardPage(title=title, slug=slug, live=False, summary="Tóm tắt")
    site_root.add_child(instance=page)
    page.save_revision(user=user)
    return page


def edit_form_data(page: StandardPage, **extra) -> dict:
    page = page.get_latest_revision_as_object()
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    data.update(extra)
    return data


def submit(client, user, page: StandardPage, **changes):
    """The submitter presses "Submit for moderation" (or "Resubmit") in the page editor."""
    login_admin(client, user)
    data = edit_form_data(page, **changes)
    data["action-submit"] = "Submit"
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def act(client, user, page: StandardPage, action: str, xhr: bool = True, **data):
    """A reviewer takes a workflow action through the action modal's endpoint."""
    login_admin(client, user)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state is not None, "the page is not in moderation"
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"
    return client.post(url, data, **(XHR if xhr else {}))


def verify(client, user, page: StandardPage, **data):
    """An editor ticks the checklist and sends the page on to the board."""
    return act(client, user, page, "approve", **CHECKLIST, **data)


def act_from_editor(client, user, page: StandardPage, action: str, extra: dict):
    """The same decision taken from the page editor's action menu (data arrives as JSON)."""
    login_admin(client, user)
    data = edit_form_data(page)
    data.update({"action-workflow-action": "1", "workflow-action-name": action})
    data["workflow-action-extra-data"] = json.dumps(extra)
    return client.post(f"/admin/pages/{page.pk}/edit/", data)
