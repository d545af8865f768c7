"""Turn an Agency into a working site: home page, Wagtail Site, collection, groups, permissions.

Provisioning is idempotent: running it again repairs what is missing and changes nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils.text import slugify
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from .jobs import coalescing_jobs
from .models import Agency, AgencyGroup, SiteContactSettings
from .publishing import add_structural_page, publish, publishing_without_review
from .signals import site_built, site_claimed, site_provisioned
from .text import fold

# Page permissions per role on the site's own root page (and so its whole subtree). Nobody holds
# Wagtail's "publish_page": pages go live only when their editorial workflow approves them (moderation).
PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    AgencyGroup.Role.EDITORS: ("add_page", "change_page"),
    AgencyGroup.Role.BOARD: ("add_page", "change_page", "lock_page", "unlock_page"),
    AgencyGroup.Role.ADMINS: ("add_page", "change_page", "lock_page", "unlock_page"),
    # Translators get their locale trees when foreign languages are enabled for the site.
    AgencyGroup.Role.TRANSLATORS: (),
}
COLLECTION_PERMISSIONS: dict[str, tuple[str, ...]] = {
    AgencyGroup.Role.EDITORS: ("add", "change", "choose"),
    AgencyGroup.Role.BOARD: ("add", "change", "choose", "delete"),
    AgencyGroup.Role.ADMINS: ("add", "change", "choose", "delete"),
    AgencyGroup.Role.TRANSLATORS: ("choose",),
}
# Model permissions of each role's group, by app. Apps above `sites` add theirs when they load
# (register_role_permissions in their AppConfig.ready): provisioning grants all of them in one step per
# group, and a rerun gives existing groups what an app has added since.
ROLE_MODEL_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "wagtailadmin": dict.fromkeys(AgencyGroup.Role, ("access_admin",)),
}
ROLE_GROUP_SUFFIX = {
    AgencyGroup.Role.EDITORS: "Biên tập viên",
    AgencyGroup.Role.BOARD: "Ban Biên tập",
    AgencyGroup.Role.ADMINS: "Quản trị",
    AgencyGroup.Role.TRANSLATORS: "Biên dịch viên",
}


@dataclass(frozen=True)
class ProvisionResult:
    agency: Agency
    site: Site
    created: bool


class ProvisioningError(Exception):
    """The agency cannot be provisioned as it stands; the message says why."""


_building = ContextVar("cong_building_new_site", default=False)


def building_new_site() -> bool:
    """True while provisioning builds a site that did not exist: nothing of it can be in a cache yet,
    so the per-page purges of its pages are skipped and the whole site is purged once, when it is
    finished (caching.signals, on ``site_provisioned`` with ``created``)."""
    return _building.get()


@contextmanager
def _new_site_construction(is_new: bool) -> Iterator[None]:
    token = _building.set(is_new)
    try:
        yield
    finally:
        _building.reset(token)


def provision_agency(agency: Agency) -> ProvisionResult:
    """Create or repair the site of one agency, all or nothing.

    A new site is built in two transactions. The first, short one claims its places beside every
    other site (its home page, the home's drafts in the foreign locales and its collection, all
    children of the shared tree roots), holding the roots' rows only for those few inserts. The
    second builds and publishes the rest, so several processes can build sites at once
    (``provision_many(…, workers=N)``). If the build fails, the claim is given back; a site whose
    home was never published (a build cut off by a crash) is built again by the next run.
    """
    if agency.status != Agency.Status.ACTIVE:
        raise ProvisioningError(f"“{agency.name}” is not active ({agency.get_status_display()}).")
    if agency.kind == Agency.Kind.SUBUNIT and agency.parent is not None:
        agency.parent.refresh_from_db(fields=["site"])  # the caller's copy may predate the parent's site
    if agency.kind == Agency.Kind.SUBUNIT and agency.parent is not None and agency.parent.site_id is None:
        raise ProvisioningError(f"Provision “{agency.parent.name}” before its sub-unit “{agency.name}”.")
    agency.full_clean()
    site = agency.site or Site.objects.filter(hostname=agency.hostname).select_related("root_page").first()
    claimed = site is None
    is_new = claimed or site.root_page.first_published_at is None
    # Each page is saved several times while it is built: its search and reference-index jobs run once,
    # at the end. The construction flag outlives the transactions: handlers run on commit see it too.
    with _new_site_construction(is_new), coalescing_jobs():
        claimed_collection = None
        if claimed:
            site, claimed_collection = _claim_places(agency)
        try:
            with transaction.atomic():
                _sync_site(agency, site)
                if is_new:
                    _publish_home(site)
                agency.site = site
                agency.collection = _ensure_collection(agency)
                agency.save(update_fields=["site", "collection", "updated_at"])
                _ensure_groups(agency)
                _ensure_contact_settings(agency)
                # Receivers may add the site's structural pages (sections, locale roots): provisioning
                # vouches.
                with publishing_without_review("Trang khung của site mới (cấp site)"):
                    site_provisioned.send(sender=Agency, agency=agency, site=site, created=is_new)
                if is_new:
                    site_built.send(sender=Agency, agency=agency, site=site)
        except BaseException:
            if claimed:
                _give_back(agency, site, claimed_collection)
            raise
    return ProvisionResult(agency=agency, site=site, created=is_new)


def provision_many(
    agencies: Iterable[Agency],
    progress: Callable[[int, int, ProvisionResult], None] | None = None,
    workers: int = 1,
) -> list[ProvisionResult]:
    """Provision agencies parents first; each agency commits on its own, so a rerun resumes.

    With ``workers`` > 1 the sites of each rank (the portal and province, then departments and
    wards, then sub-units) are built by that many processes at once (PostgreSQL only: SQLite has
    one writer). The first failure stops the run, as it does with one worker.
    """
    ordered = sorted(agencies, key=_rank)
    if workers > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block:
        return _provision_in_processes(ordered, progress, workers)
    results = []
    for number, agency in enumerate(ordered, start=1):
        result = provision_agency(agency)
        results.append(result)
        if progress:
            progress(number, len(ordered), result)
    return results


def _rank(agency: Agency) -> int:
    if agency.kind == Agency.Kind.SUBUNIT:
        return 2
    return 0 if agency.kind == Agency.Kind.PROVINCE else 1


def _provision_in_processes(
    ordered: list[Agency], progress: Callable[[int, int, ProvisionResult], None] | None, workers: int
) -> list[ProvisionResult]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    results: list[ProvisionResult] = []
    # Forked workers must not share the parent's database connection: each opens its own.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_with_connections_of_its_own
    ) as pool:
        for rank in sorted({_rank(a) for a in ordered}):
            batch = [a.pk for a in ordered if _rank(a) == rank]
            pending = {pool.submit(_provision_by_pk, pk) for pk in batch}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    if future.exception() is not None:
                        for other in pending:
                            other.cancel()
                        raise future.exception()
                    agency_pk, site_pk, created = future.result()
                    result = ProvisionResult(
                        agency=Agency.objects.get(pk=agency_pk),
                        site=Site.objects.get(pk=site_pk),
                        created=created,
                    )
                    results.append(result)
                    if progress:
                        progress(len(results), len(ordered), result)
    return results


# Database connections a forked worker inherited, kept referenced and unused until it exits.
_inherited_connections: list = []


def _start_with_connections_of_its_own() -> None:
    """A forked worker opens its own database connections. Any it inherited share their sockets with
    the parent's sessions: closing one, even by letting it be garbage-collected, would end the parent's
    session, and using one would interleave two processes' queries. They are set aside unused, and
    the worker's process ends without finalising them."""
    for wrapper in connections.all(initialized_only=True):
        _inherited_connections.append(wrapper)
        del connections[wrapper.alias]


def _provision_by_pk(agency_pk: int) -> tuple[int, int, bool]:
    """One site in a worker process (what crosses the process boundary is plain data)."""
    result = provision_agency(Agency.objects.select_related("parent").get(pk=agency_pk))
    return result.agency.pk, result.site.pk, result.created


def _sync_site(agency: Agency, site: Site) -> None:
    if site.hostname != agency.hostname or site.site_name != agency.name:
        site.hostname, site.site_name = agency.hostname, agency.name
        site.save()


@transaction.atomic
def _claim_places(agency: Agency) -> tuple[Site, Collection | None]:
    """The new site's rows under the shared tree roots, committed at once: its home page (a draft
    until the build publishes it), the home's drafts in the foreign locales (wagtail-localize fills
    them in when the site is built) and its collection; then its Wagtail Site, linked to the agency
    (``Agency.objects.unbuilt()`` finds it until its home is published). Returns the site and the
    collection the claim made (None when the agency had one)."""
    # Locked in one order by every claim (the page root, then the collection root), as treebeard
    # would lock them one by one: two claims cannot take the same path or deadlock.
    root = Page.objects.select_for_update().get(pk=Page.get_first_root_node().pk)
    collection_root = Collection.objects.select_for_update().get(pk=Collection.get_first_root_node().pk)
    if agency.is_portal:
        _release_default_site()
    home_model = apps.get_model(settings.CONG_HOME_PAGE_MODEL)
    home = home_model(title=agency.name, slug=_unique_slug(root, agency), seo_title=agency.name, live=False)
    root.add_child(instance=home)
    site_claimed.send(sender=Agency, agency=agency, home=home)
    made = None
    if agency.collection_id is None:
        agency.collection = made = _append_collection(collection_root, agency)
    agency.site = Site.objects.create(
        hostname=agency.hostname,
        port=80,
        site_name=agency.name,
        root_page=home,
        is_default_site=agency.is_portal,
    )
    agency.save(update_fields=["site", "collection", "updated_at"])
    return agency.site, made


def _give_back(agency: Agency, site: Site, collection: Collection | None) -> None:
    """Undo a claim whose build failed: nothing of the site is left (the next run claims anew)."""
    with transaction.atomic():
        home = Page.objects.get(pk=site.root_page_id)
        translations = list(home.get_translations())
        agency.site = None
        if collection is not None:
            agency.collection = None
        Agency.objects.filter(pk=agency.pk).update(site=None, collection=agency.collection)
        site.delete()
        for page in [*translations, home]:
            page.delete()
        if collection is not None:
            collection.delete()


def _publish_home(site: Site) -> None:
    home = site.root_page.specific
    with publishing_without_review("Trang chủ và trang giới thiệu của site mới (cấp site)"):
        publish(home)
        if not home.get_children().filter(slug="gioi-thieu").exists():
            intro_model = apps.get_model(settings.CONG_STANDARD_PAGE_MODEL)
            add_structural_page(home, intro_model(title="Giới thiệu", slug="gioi-thieu", show_in_menus=True))


def _release_default_site() -> None:
    """The portal becomes the default site; Wagtail's stock welcome site is removed."""
    for site in Site.objects.filter(is_default_site=True, agency__isnull=True):
        root = site.root_page
        if root.specific_class is Page and root.is_leaf():
            site.delete()
            root.delete()
        else:
            site.is_default_site = False
            site.save(update_fields=["is_default_site"])


def _unique_slug(root: Page, agency: Agency) -> str:
    base = slugify(fold(agency.hostname.replace(".", "-")))[:200] or "site"
    slug, n = base, 1
    while root.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _ensure_collection(agency: Agency) -> Collection:
    if agency.collection_id:
        return agency.collection
    with transaction.atomic():
        root = Collection.objects.select_for_update().get(pk=Collection.get_first_root_node().pk)
        return _append_collection(root, agency)


def _append_collection(root: Collection, agency: Agency) -> Collection:
    """The agency's collection, appended after the last site's, under the locked root collection.

    Wagtail keeps collections sorted by name, and a sorted insert renumbers every later sibling (one
    UPDATE each): with thousands of sites that alone would cost seconds per site."""
    last = root.get_last_child()
    depth = root.depth + 1
    path = last._inc_path() if last is not None else Collection._get_path(root.path, depth, 1)
    collection = Collection.objects.create(
        name=f"{agency.name} ({agency.hostname})", path=path, depth=depth, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=F("numchild") + 1)
    return collection


def register_role_permissions(app_label: str, permissions: Mapping[str, Iterable[str]]) -> None:
    """Declare the model permissions (codenames of ``app_label``) that each role's group holds."""
    unknown = set(permissions) - set(AgencyGroup.Role)
    if unknown:
        raise ValueError(f"{app_label}: no such agency role: {', '.join(sorted(unknown))}.")
    ROLE_MODEL_PERMISSIONS[app_label] = {role: tuple(codenames) for role, codenames in permissions.items()}


def role_group_name(agency: Agency, role: str) -> str:
    """One name per role everywhere (menus, forms, history): "Sở Tài chính · Biên dịch viên".

    The host name is added only when another agency of the same name already holds that group name.
    """
    name = f"{agency.name} · {ROLE_GROUP_SUFFIX[role]}"
    taken = Group.objects.filter(name=name).exclude(agency_role__agency=agency).exists()
    return f"{agency.name} ({agency.hostname}) · {ROLE_GROUP_SUFFIX[role]}" if taken else name


def _ensure_groups(agency: Agency) -> None:
    """The agency's four role groups with their model, page and collection permissions (bulk: a
    province has dozens of sites, a national installation thousands)."""
    links = {link.role: link for link in AgencyGroup.objects.filter(agency=agency).select_related("group")}
    groups: dict[str, Group] = {}
    for role in AgencyGroup.Role:
        link = links.get(role)
        name = role_group_name(agency, role)
        if link is None:
            group, _ = Group.objects.get_or_create(name=name)
            link = AgencyGroup.objects.create(agency=agency, role=role, group=group)
        elif link.group.name != name:
            link.group.name = name
            link.group.save(update_fields=["name"])
        groups[role] = link.group

    labels = {"wagtailcore", "wagtailimages", "wagtaildocs", "sites", *ROLE_MODEL_PERMISSIONS}
    permissions = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(content_type__app_label__in=labels).select_related("content_type")
    }
    page_grants, collection_grants = [], []
    for role, group in groups.items():
        model_permissions = [
            permissions[app_label, codename]
            for app_label, by_role in ROLE_MODEL_PERMISSIONS.items()
            for codename in by_role.get(role, ())
        ]
        if agency.kind == Agency.Kind.PROVINCE and role == AgencyGroup.Role.ADMINS:
            # The provincial administrators keep the agency registry and provision sites (README).
            model_permissions += [
                permissions["sites", c] for c in ("add_agency", "change_agency", "view_agency")
            ]
        group.permissions.add(*model_permissions)
        page_grants += [
            GroupPagePermission(
                group=group, page=agency.site.root_page, permission=permissions["wagtailcore", c]
            )
            for c in PAGE_PERMISSIONS[role]
        ]
        collection_grants += [
            GroupCollectionPermission(
                group=group,
                collection=agency.collection,
                permission=permissions[app_label, f"{action}_{model}"],
            )
            for action in COLLECTION_PERMISSIONS[role]
            for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        ]
    # Both tables are unique per (group, object, permission): a rerun adds only what is missing.
    GroupPagePermission.objects.bulk_create(page_grants, ignore_conflicts=True)
    GroupCollectionPermission.objects.bulk_create(collection_grants, ignore_conflicts=True)


def _ensure_contact_settings(agency: Agency) -> None:
    contact = SiteContactSettings.for_site(agency.site)
    if contact.agency_name:
        return  # the agency has filled its own details; never overwrite them
    contact.agency_name = agency.name
    contact.person_responsible = " ".join(filter(None, [agency.head_title, agency.head_name]))
    contact.address = agency.address
    contact.phone = agency.phone
    contact.fax = agency.fax
    contact.email = agency.email
    contact.save()
