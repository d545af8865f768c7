"""The editorial gate on every route to "live" (issue 10): every admin URL that takes a page, every bulk
action and every admin API action — found from Django's URL resolver and Wagtail's registries, not a hand
list — tried by a ward editor, a board member, the agency administrator and a translator, never makes an
unapproved revision live; code paths meet the same gate; a superuser publishes without review only with a
reason, which the audit log records as "not reviewed"."""

from __future__ import annotations

import json
import re
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Locale, Page, PageLogEntry, Revision

from cms.models import StandardPage
from localization.locales import ensure_locale_roots, translate_page
from moderation.gate import PublicationRefused, force_publish
from moderation.models import PublicationClearance
from moderation.workflow import decide
from sites.models import AgencyGroup
from sites.publishing import add_structural_page, publishing_without_review
from tests.conftest import group_of, login_admin

from .conftest import CHECKLIST, act, draft_page, edit_form_data, submit, verify

# --- the routes, enumerated ------------------------------------------------------------------------


def admin_page_routes() -> list[tuple[str, list[str]]]:
    """(URL name, keyword arguments) of every named admin URL that takes a page or acts on pages."""
    found: list[tuple[str, list[str]]] = []

    def walk(patterns, namespaces: list[str], regex: str) -> None:
        for entry in patterns:
            combined = regex + entry.pattern.regex.pattern.lstrip("^").rstrip("$").replace(r"\Z", "")
            if isinstance(entry, URLResolver):
                walk(
                    entry.url_patterns, namespaces + ([entry.namespace] if entry.namespace else []), combined
                )
            elif isinstance(entry, URLPattern) and entry.name:
                names = list(re.compile(combined).groupindex)
                full_name = ":".join([*namespaces, entry.name])
                if (
                    combined.startswith("admin/")
                    and names
                    and ("page" in full_name.lower() or any("page" in name for name in names))
                ):
                    found.append((full_name, names))

    walk(get_resolver().url_patterns, [], "")
    # Deleting removes pages; do it last so the other routes still find their targets.
    return sorted({(name, tuple(args)) for name, args in found}, key=lambda r: ("delete" in r[0], r[0]))


def url_for(name: str, args: tuple[str, ...], target: Page, section: Page) -> str | None:
    """Fill each argument from its name; None when the route takes something that is not a page."""
    revision = target.get_latest_revision()
    kwargs: dict[str, object] = {}
    for arg in args:
        lowered = arg.lower()
        if "revision" in lowered:
            if revision is None:
                return None
            kwargs[arg] = revision.pk
        elif ("app" in lowered and "label" in lowered) or lowered == "content_type_app_name":
            kwargs[arg] = target.specific_class._meta.app_label
        elif "model" in lowered:
            kwargs[arg] = target.specific_class._meta.model_name
        elif "destination" in lowered or "target" in lowered or lowered == "parent_page_id":
            kwargs[arg] = section.pk
        elif "page" in lowered or lowered in {"pk", "id", "object_id"}:
            kwargs[arg] = target.pk
        else:
            return None  # workflow task states, action names, locales …: not a page argument
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def form_data(target: Page, section: Page) -> dict:
    """Every field any of these forms reads to publish: the editor's publish button, copy's "publish
    copies", move's destination, revert's revision …"""
    data = edit_form_data(target) if isinstance(target.specific, StandardPage) else {}
    data.update(
        {
            "action-publish": "action-publish",
            "publish_copies": "on",
            "copy_subpages": "on",
            "new_title": f"Bản sao {target.pk}",
            "new_slug": f"ban-sao-{target.pk}",
            "new_parent_page": str(section.pk),
            "alias": "on",
            "create_alias": "on",
            "keep_live": "on",
            "include_descendants": "on",
            "chooser": str(section.pk),
            "move_applicable": "on",
        }
    )
    return data


API_DATA = {
    "destination_page_id": None,  # filled per scene
    "keep_live": True,
    "recursive": True,
    "new_title": "Bản sao qua API",
    "new_slug": "ban-sao-qua-api",
    "update_slug": True,
    "include_subtree": True,
    "locales": ["en"],
    "revision_id": None,
}


# --- the scene -------------------------------------------------------------------------------------


@pytest.fixture
def scene(wards, make_user):
    w = wards
    en = Locale.objects.get(language_code="en")
    home = w.an_xuyen.site.root_page.specific
    english_home = ensure_locale_roots(w.an_xuyen, [en])["en"]
    assert not english_home.live  # the English home starts as a draft

    with publishing_without_review("test fixture: approved content already online"):
        section = StandardPage(title="Chuyên mục", slug="chuyen-muc", summary="Mục")
        home.add_child(instance=section)
        section.save_revision().publish()
        online = StandardPage(title="Tin đã đăng", slug="tin-da-dang", summary="Đã duyệt")
        home.add_child(instance=online)
        online.save_revision().publish()
    online.summary = "Sửa đổi chưa duyệt"
    online.save_revision(user=w.contributor)  # a newer, unapproved draft of a live page

    draft = draft_page(home, "Dự thảo chưa duyệt", "du-thao", w.contributor)
    rejected = draft_page(home, "Tin bị từ chối", "tin-bi-tu-choi", w.contributor)
    state = rejected.get_workflow().start(rejected, w.contributor)
    decide(state.current_task_state.specific, w.editor, "approve", checklist=dict.fromkeys(CHECKLIST, True))
    state.refresh_from_db()
    decide(state.current_task_state.specific, w.head, "reject", reasons=["c"], notify=False)
    english_draft = translate_page(online, en, {"Tin đã đăng": "Published news"}, publish=False)

    people = {
        "ward editor": w.editor,
        "board member": w.head,
        "agency administrator": make_user("qt.anxuyen", group_of(w.an_xuyen, AgencyGroup.Role.ADMINS)),
        "translator": make_user("bd.anxuyen", group_of(w.an_xuyen, AgencyGroup.Role.TRANSLATORS)),
    }
    targets = [draft, online, rejected, english_draft, english_home]
    return SimpleNamespace(people=people, targets=targets, section=section, online=online, w=w)


def live_state() -> dict[int, tuple[bool, int | None]]:
    return {pk: (live, rev) for pk, live, rev in Page.objects.values_list("pk", "live", "live_revision_id")}


def unapproved_changes(before: dict[int, tuple[bool, int | None]]) -> list[str]:
    """Pages that went live, or got a new live revision, without a clearance from an approved workflow."""
    problems = []
    for page in Page.objects.filter(live=True):
        if before.get(page.pk) == (True, page.live_revision_id):
            continue
        if page.alias_of_id and before.get(page.alias_of_id, (False,))[0]:
            continue  # an alias of a page that was already live shows approved content
        workflow_cleared = PublicationClearance.objects.filter(
            page=page, revision_id=page.live_revision_id, kind=PublicationClearance.Kind.WORKFLOW
        ).exists()
        if not workflow_cleared:
            problems.append(f"{page.pk} “{page.title}” live with revision {page.live_revision_id}")
    for revision in Revision.page_revisions.exclude(approved_go_live_at=None):
        problems.append(f"revision {revision.pk} of page {revision.object_id} scheduled to go live")
    return problems


@pytest.mark.parametrize("role", ["ward editor", "board member", "agency administrator", "translator"])
def test_no_admin_route_makes_an_unapproved_revision_live(scene, role):
    user = scene.people[role]
    client = Client()
    login_admin(client, user)
    before = live_state()
    routes = admin_page_routes()
    # The enumeration finds the routes that publish, copy, move, revert, alias, unpublish and delete.
    names = {name for name, _args in routes}
    for expected in ("wagtailadmin_pages:edit", "wagtailadmin_pages:copy", "wagtailadmin_pages:move"):
        assert expected in names
    assert len(routes) > 30, routes

    tried = 0
    for name, args in routes:
        for target in scene.targets:
            if not Page.objects.filter(pk=target.pk).exists():
                continue
            url = url_for(name, args, target, scene.section)
            if url is None:
                continue
            response = client.post(url, form_data(target, scene.section))
            assert response.status_code < 500, (name, url, response.status_code)
            tried += 1
    assert tried > 100

    # Every bulk action Wagtail registers for pages, on every target at once.
    actions = list(bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page"))
    assert {"publish", "unpublish", "move", "delete"} <= {a.action_type for a in actions}
    ids = "&".join(f"id={t.pk}" for t in scene.targets)
    for action in sorted(actions, key=lambda a: a.action_type == "delete"):
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action.action_type)) + f"?{ids}"
        response = client.post(url, form_data(scene.online, scene.section))
        assert response.status_code < 500, (action.action_type, response.status_code)

    # Every admin API action, on every target.
    api_data = {**API_DATA, "destination_page_id": scene.section.pk}
    for action_name in sorted(PagesAdminAPIViewSet.actions, key=lambda a: a == "delete"):
        for target in scene.targets:
            if not Page.objects.filter(pk=target.pk).exists():
                continue
            revision = target.get_latest_revision()
            data = {**api_data, "revision_id": revision.pk if revision else None}
            response = client.post(
                f"/admin/api/main/pages/{target.pk}/action/{action_name}/",
                json.dumps(data),
                content_type="application/json",
            )
            assert response.status_code < 500, (action_name, response.status_code, response.content[:300])

    assert unapproved_changes(before) == []


def test_code_paths_meet_the_gate(scene):
    """Celery tasks and management commands publish through the same models: refused without approval."""
    draft = scene.targets[0]
    with pytest.raises(PublicationRefused) as refused:
        draft.get_latest_revision().publish()
    assert "Gửi duyệt" in str(refused.value)
    with pytest.raises(PublicationRefused):
        scene.online.get_latest_revision().publish()  # the unapproved newer draft of a live page
    with pytest.raises(PublicationRefused):
        StandardPage.objects.get(pk=draft.pk).save_revision().publish()
    # Flipping the flag by hand, or scheduling a go-live, is publishing too.
    page = StandardPage.objects.get(pk=draft.pk)
    page.live = True
    with pytest.raises(PublicationRefused):
        page.save()
    revision = draft.get_latest_revision()
    revision.approved_go_live_at = revision.created_at
    with pytest.raises(PublicationRefused):
        revision.save(update_fields=["approved_go_live_at"])
    # A new page created live by code under a site is refused as well.
    with pytest.raises(PublicationRefused):
        scene.section.add_child(instance=StandardPage(title="Tin từ tác vụ", slug="tu-tac-vu", summary="x"))
    assert unapproved_changes({}) == [] or not StandardPage.objects.filter(slug="tu-tac-vu").exists()
    assert not StandardPage.objects.get(pk=draft.pk).live


def test_a_page_trusted_code_creates_live_is_cleared_with_its_reason(scene):
    """A new site's structural pages go live at creation, with no revision (add_structural_page): the
    gate records why, as for any publication without review, once the page has its id."""
    with publishing_without_review("Trang khung thử nghiệm"):
        page = add_structural_page(
            scene.section, StandardPage(title="Trang khung", slug="khung", summary="x")
        )
    page.refresh_from_db()
    assert page.live and page.first_published_at and page.live_revision_id is None
    clearance = PublicationClearance.objects.get(page=page)
    assert clearance.revision is None and clearance.kind == PublicationClearance.Kind.SYSTEM
    assert clearance.reason == "Trang khung thử nghiệm"
    entry = PageLogEntry.objects.get(page=page, action="moderation.published_without_review")
    assert entry.data["reason"] == "Trang khung thử nghiệm"


def test_superuser_force_publish_needs_a_reason_and_is_audited(scene, superuser, client):
    draft = scene.targets[0]
    login_admin(client, superuser)
    # The superuser's own publish routes are refused too: no bulk publish, no API publish, no editor button.
    response = client.post(
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={draft.pk}", {}
    )
    assert response.status_code in (200, 302)
    response = client.post(
        f"/admin/api/main/pages/{draft.pk}/action/publish/", {}, content_type="application/json"
    )
    assert response.status_code == 403
    client.post(f"/admin/pages/{draft.pk}/edit/", {**edit_form_data(draft), "action-publish": "1"})
    draft.refresh_from_db()
    assert not draft.live

    url = reverse("moderation_force_publish", args=[draft.pk])
    assert "Publish without review" in client.get(f"/admin/pages/{draft.pk}/edit/").content.decode() or (
        url in client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    )
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    response = client.post(url, {"reason": "ngắn"})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert not draft.live
    reason = "Thông báo khẩn về phòng chống bão số 5, Trưởng ban vắng mặt"
    response = client.post(url, {"reason": reason})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    clearance = PublicationClearance.objects.get(page=draft)
    assert clearance.kind == PublicationClearance.Kind.FORCED and clearance.user == superuser
    assert clearance.reason == reason
    entry = PageLogEntry.objects.get(page=draft, action="moderation.published_without_review")
    assert entry.user == superuser and entry.data["reason"] == reason
    history = client.get(reverse("wagtailadmin_pages:history", args=[draft.pk])).content.decode()
    assert reason in history and ("not reviewed" in history or "không qua duyệt" in history.lower())

    # Nobody else reaches the force-publish screen.
    other = Client()
    login_admin(other, scene.people["agency administrator"])
    assert other.post(url, {"reason": reason}).status_code in (302, 403)  # refused with a message
    with pytest.raises(PublicationRefused):
        force_publish(scene.online, scene.people["board member"], reason)


def test_the_workflow_publishes_what_it_approved(scene, client, django_capture_on_commit_callbacks):
    w = scene.w
    page = draft_page(w.an_xuyen.site.root_page, "Tin qua quy trình", "qua-quy-trinh", w.contributor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, w.contributor, page)
        verify(client, w.editor, page)
        assert act(client, w.head, page, "approve").status_code == 200
    page.refresh_from_db()
    assert page.live
    assert PublicationClearance.objects.get(page=page).kind == PublicationClearance.Kind.WORKFLOW


def test_import_publishes_only_documents_that_meet_r22(portal, tmp_path):
    """import_legal_documents publishes a document with its file and effective date; the others become
    drafts in the site's workflow."""
    from cms.models import LegalDocumentIndexPage, LegalDocumentPage

    home = portal.site.root_page
    with publishing_without_review("test fixture"):
        index = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
        home.add_child(instance=index)
        index.save_revision().publish()
    pdf = tmp_path / "qd.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    rows = [
        {
            "number": "68/2026/QĐ-UBND",
            "type": "Quyết định",
            "issuer": "Ủy ban nhân dân tỉnh Cà Mau",
            "issued_on": "2026-05-12",
            "effective_on": "2026-05-28",
            "title": "Ban hành Quy chế quản lý Cổng Thông tin điện tử",
            "file": "qd.pdf",
        },
        {
            "number": "12/2026/QĐ-UBND",
            "type": "Quyết định",
            "issuer": "Ủy ban nhân dân tỉnh Cà Mau",
            "issued_on": "2026-03-02",
            "title": "Quyết định chưa có tệp và ngày hiệu lực",
        },
    ]
    path = tmp_path / "van-ban.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    call_command("import_legal_documents", str(path), stdout=StringIO())
    complete = LegalDocumentPage.objects.get(number="68/2026/QĐ-UBND")
    incomplete = LegalDocumentPage.objects.get(number="12/2026/QĐ-UBND")
    assert complete.live
    clearance = PublicationClearance.objects.get(page=complete)
    assert clearance.kind == PublicationClearance.Kind.SYSTEM and "R22" in clearance.reason
    assert not incomplete.live and incomplete.current_workflow_state is not None
