import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page, Site
from wagtail_localize.models import Translation

from cms.models import HomePage
from moderation.models import PublicationClearance
from sites.models import Agency, AgencyGroup, SiteContactSettings
from sites.provisioning import provision_agency, provision_many

from .conftest import group_of, login_admin


def counts() -> tuple[int, ...]:
    return (
        Site.objects.count(),
        Page.objects.count(),
        Collection.objects.count(),
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )


def test_provisioning_builds_a_working_site(portal, make_agency):
    ward = make_agency(
        "Ủy ban nhân dân phường An Xuyên",
        "anxuyen",
        address="Phường An Xuyên, tỉnh Cà Mau",
        email="anxuyen@camau.gov.vn",
    )
    site = ward.site
    assert site.hostname == "anxuyen.camau.localhost"
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.live
    assert ward.collection.name.startswith("Ủy ban nhân dân phường An Xuyên")
    assert set(AgencyGroup.objects.filter(agency=ward).values_list("role", flat=True)) == set(
        AgencyGroup.Role
    )
    board = group_of(ward, AgencyGroup.Role.BOARD)
    board_perms = set(
        GroupPagePermission.objects.filter(group=board).values_list("page_id", "permission__codename")
    )
    assert (site.root_page.pk, "change_page") in board_perms
    # No role publishes directly: the editorial workflow does (moderation.gate).
    assert not GroupPagePermission.objects.filter(
        group__agency_role__agency=ward, permission__codename="publish_page"
    ).exists()
    contact = SiteContactSettings.for_site(site)
    assert contact.agency_name == ward.name
    assert contact.email == "anxuyen@camau.gov.vn"
    assert portal.site.is_default_site and not site.is_default_site
    # The interaction sections went live at creation; the gate recorded provisioning's reason for each.
    sections = site.root_page.get_children().exclude(slug="gioi-thieu")
    assert sections.count() == 3 and all(page.live for page in sections)
    reasons = PublicationClearance.objects.filter(page__in=sections, revision=None).values_list(
        "reason", flat=True
    )
    assert len(reasons) == 3 and set(reasons) == {"Trang khung của site mới (cấp site)"}


def test_provisioning_twice_changes_nothing(portal, make_agency):
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    before = counts()
    result = provision_agency(ward)
    assert not result.created
    assert counts() == before


def test_agency_details_edited_in_site_settings_survive_reprovisioning(make_agency):
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    contact = SiteContactSettings.for_site(ward.site)
    contact.phone = "0290 3 123 456"
    contact.save()
    provision_agency(ward)
    assert SiteContactSettings.for_site(ward.site).phone == "0290 3 123 456"


def test_an_invalid_agency_is_refused_before_anything_is_written(portal):
    before = counts()
    bad = Agency.objects.create(
        name="Ủy ban nhân dân xã Sai", domain_label="Sai Tên", kind=Agency.Kind.COMMUNE
    )
    with pytest.raises(ValidationError):
        provision_agency(bad)
    assert counts() == before


def test_a_failure_half_way_rolls_back_the_whole_site(portal, monkeypatch):
    before = counts()
    agency = Agency.objects.create(name="Sở Y tế", domain_label="soyte", kind=Agency.Kind.DEPARTMENT)

    def broken(_agency):
        raise RuntimeError("permission table unavailable")

    monkeypatch.setattr("sites.provisioning._ensure_groups", broken)
    with pytest.raises(RuntimeError):
        provision_agency(agency)
    assert counts() == before
    agency.refresh_from_db()
    assert agency.site is None


def test_command_reports_progress_and_refuses_unknown_labels(portal, capsys):
    Agency.objects.create(name="Sở Tài chính", domain_label="sotaichinh", kind=Agency.Kind.DEPARTMENT)
    Agency.objects.create(
        name="Ủy ban nhân dân phường Tân Thành", domain_label="tanthanh", kind=Agency.Kind.WARD
    )
    call_command("provision_sites")
    out = capsys.readouterr().out
    assert "[1/3]" in out and "[3/3]" in out
    assert "sotaichinh.camau.localhost: created" in out
    assert Site.objects.filter(hostname="tanthanh.camau.localhost").exists()
    with pytest.raises(CommandError, match="khongco"):
        call_command("provision_sites", "khongco")


def test_command_provisions_a_department_and_its_subunit_in_one_run(portal, capsys):
    """The command loads every agency first: the sub-unit's copy of its parent predates the parent's
    new site, and provisioning must not refuse it for that."""
    department = Agency.objects.create(
        name="Sở Khoa học và Công nghệ", domain_label="sokhcn", kind=Agency.Kind.DEPARTMENT
    )
    Agency.objects.create(
        name="Trung tâm Công nghệ thông tin và Truyền thông",
        domain_label="ict",
        kind=Agency.Kind.SUBUNIT,
        parent=department,
    )
    call_command("provision_sites", "--missing-only")
    assert "ict.sokhcn.camau.localhost: created" in capsys.readouterr().out
    assert Site.objects.filter(hostname="ict.sokhcn.camau.localhost").exists()


def test_admin_bulk_action_provisions_selected_agencies(portal, superuser, client):
    login_admin(client, superuser)
    agency = Agency.objects.create(name="Sở Y tế", domain_label="soyte", kind=Agency.Kind.DEPARTMENT)
    url = (
        reverse("wagtail_bulk_action", args=("sites", "agency", "provision"))
        + f"?id={agency.pk}&next=/admin/"
    )
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "soyte.camau.localhost" in confirm.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.site.hostname == "soyte.camau.localhost"


def test_a_new_site_routes_at_once_though_each_process_holds_the_site_root_paths(portal, make_agency, client):
    """Wagtail's site root paths are held in the process for a second (config.cache.HeldKeysMixin);
    provisioning's own change drops the copy, so the new site's links and routing work at once."""
    assert {path.site_id for path in Site.get_site_root_paths()} == {portal.site.pk}
    ward = make_agency("Ủy ban nhân dân phường Tân Thành", "tanthanh", kind=Agency.Kind.WARD)
    assert ward.site.pk in {path.site_id for path in Site.get_site_root_paths()}
    intro = ward.site.root_page.get_children().get(slug="gioi-thieu")
    assert intro.get_url() == "http://tanthanh.camau.localhost/gioi-thieu/"
    assert client.get("/gioi-thieu/", HTTP_HOST="tanthanh.camau.localhost").status_code == 200


def test_site_collections_are_appended_without_renumbering_the_others(portal, make_agency):
    """A sorted insert would renumber every later collection (one UPDATE each, thousands nationally)."""
    make_agency("Ủy ban nhân dân xã Tân Lộc", "tanloc")
    before = dict(Collection.objects.values_list("pk", "path"))
    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")  # sorts before Tân Lộc by name
    after = dict(Collection.objects.values_list("pk", "path"))
    assert {pk: after[pk] for pk in before} == before
    assert ward.collection.get_parent() == Collection.get_first_root_node()
    assert Collection.find_problems() == ([], [], [], [], [])
    # Wagtail's own sorted insert still works among them.
    Collection.get_first_root_node().add_child(name="Ảnh dùng chung")
    assert Collection.find_problems() == ([], [], [], [], [])
    assert Collection.objects.filter(name="Ảnh dùng chung", depth=2).exists()


def _wards(count: int, prefix: str = "thu") -> list[Agency]:
    return [
        Agency.objects.create(
            name=f"Ủy ban nhân dân xã Thử Nghiệm {n}",
            name_en=f"Thu Nghiem Commune {n}",
            domain_label=f"{prefix}{n}",
            kind=Agency.Kind.COMMUNE,
        )
        for n in range(count)
    ]


def _assert_complete(agency: Agency) -> None:
    """The site as a one-process build leaves it: live home and introduction, the English home that
    wagtail-localize knows as the home's translation, the collection, the four role groups."""
    agency.refresh_from_db()
    home = agency.site.root_page
    assert home.live and home.get_children().filter(slug="gioi-thieu", live=True).exists()
    english = home.get_translation(Locale.objects.get(language_code="en"))
    assert english.title == agency.name_en and not english.live
    assert Translation.objects.filter(
        source__object_id=home.translation_key, target_locale=english.locale
    ).exists()
    assert agency.collection.get_parent() == Collection.get_first_root_node()
    assert AgencyGroup.objects.filter(agency=agency).count() == len(AgencyGroup.Role)


def test_sites_built_by_parallel_processes_each_claim_their_own_places(committed_db, portal):
    """provision_many(workers=2): two processes build sites at once. Each claims its home, English home
    and collection under the shared roots in a short transaction of its own, so neither takes the
    other's tree path and both trees stay sound (treebeard's own check)."""
    agencies = _wards(6)
    results = provision_many(agencies, workers=2)
    assert len(results) == 6 and all(r.created for r in results)
    assert len({r.site.pk for r in results}) == 6
    for agency in agencies:
        _assert_complete(agency)
    assert Page.find_problems() == ([], [], [], [], [])
    assert Collection.find_problems() == ([], [], [], [], [])
    before = counts()
    assert not any(r.created for r in provision_many(agencies, workers=2))
    assert counts() == before


def test_the_command_builds_with_several_processes_and_reports_each_site(committed_db, portal, capsys):
    agencies = _wards(4, prefix="lenh")
    call_command("provision_sites", "--missing-only", "--jobs", "2")
    out = capsys.readouterr().out
    assert [line.split("]")[0] for line in out.splitlines()[:4]] == ["[1/4", "[2/4", "[3/4", "[4/4"]
    assert "4 sites provisioned (4 new)" in out
    for agency in agencies:
        _assert_complete(agency)


def test_a_site_whose_build_was_cut_off_is_built_by_the_next_run(portal, monkeypatch):
    """A crash after the claim (no chance to give it back) leaves a Site whose home is a draft: the
    next run builds that site, with no second home."""
    (agency,) = _wards(1, prefix="dut")

    def broken(_agency):
        raise RuntimeError("the process was killed")

    monkeypatch.setattr("sites.provisioning._ensure_groups", broken)
    monkeypatch.setattr("sites.provisioning._give_back", lambda *args: None)
    with pytest.raises(RuntimeError):
        provision_agency(agency)
    site = Site.objects.get(hostname=agency.hostname)
    assert not site.root_page.live
    assert agency in Agency.objects.unbuilt() and agency not in Agency.objects.with_site()
    monkeypatch.undo()
    homes = Page.objects.filter(depth=2).count()
    result = provision_agency(Agency.objects.get(pk=agency.pk))
    assert result.created and result.site.pk == site.pk
    assert Page.objects.filter(depth=2).count() == homes
    _assert_complete(agency)
    assert agency not in Agency.objects.unbuilt() and agency in Agency.objects.with_site()


def test_each_role_holds_the_model_permissions_every_app_declares(make_agency):
    """Apps declare their roles' model permissions (register_role_permissions); provisioning grants
    them all, and a declaration naming a role that does not exist fails when the app loads."""
    from sites.provisioning import ROLE_MODEL_PERMISSIONS, register_role_permissions

    ward = make_agency("Ủy ban nhân dân phường An Xuyên", "anxuyen")
    assert {"wagtailadmin", "interaction", "moderation"} <= set(ROLE_MODEL_PERMISSIONS)
    for app_label, by_role in ROLE_MODEL_PERMISSIONS.items():
        for role, codenames in by_role.items():
            held = group_of(ward, role).permissions.filter(content_type__app_label=app_label)
            assert set(codenames) <= set(held.values_list("codename", flat=True)), (app_label, role)
    with pytest.raises(ValueError, match="reviewers"):
        register_role_permissions("interaction", {"reviewers": ("view_citizenrequest",)})
