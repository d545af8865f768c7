"""Shared fixtures. Service-backed tests skip on a developer's machine without the service,
and fail under CI=true, where the project's own scripts must have started it."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import clear_url_caches
from modelsearch.backends import get_search_backend

from sites.models import Agency, AgencyGroup
from sites.provisioning import provision_agency
from sites.publishing import publishing_without_review

IN_CI = os.environ.get("CI", "").lower() == "true"


def require_service(env_var: str, what: str) -> str:
    value = os.environ.get(env_var, "")
    if not value:
        message = f"{what} is not configured ({env_var} is empty)"
        if IN_CI:
            pytest.fail(f"{message}: under CI=true the test run must start it (scripts/services.sh).")
        pytest.skip(message)
    return value


def refresh_search_index() -> None:
    """Elasticsearch/OpenSearch make new documents searchable on refresh; the database backend at once."""
    backend = get_search_backend()
    if hasattr(backend, "get_index_for_model"):
        from wagtail.models import Page

        backend.get_index_for_model(Page).refresh()


DATA_MIGRATIONS = [
    ("cms.migrations.0003_seed_document_types", "seed"),
    ("moderation.migrations.0002_regulated_rejection_reasons", "add_reasons"),
    ("localization.migrations.0002_default_locales", "create_locales"),
    ("sites.migrations.0002_vietnamese_tree_roots", "name_roots"),
]


def restore_migration_rows() -> None:
    """Transactional tests flush the database afterwards, taking the rows data migrations made with
    them; put those back (Wagtail's root page, default locale and root collection, and the
    project's managed lists) so such tests can follow one another."""
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    for module, function in DATA_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)


@pytest.fixture
def committed_db(transactional_db) -> None:
    """A database whose writes really commit (other connections and processes see them)."""
    restore_migration_rows()


@pytest.fixture
def private_redis():
    """A throwaway redis-server of the test's own, which it may stop, restart or cut."""
    from tests.operations.faults import PrivateRedis

    require_service("REDIS_URL", "Redis")  # the same binary the shared service runs
    server = PrivateRedis()
    server.start()
    yield server
    server.close()


@pytest.fixture(scope="session", autouse=True)
def search_index(request, django_db_setup, django_db_blocker):
    """A search node starts each run with a fresh index built with Wagtail's own mappings; a database
    kept with --reuse-db after a transactional test gets its data-migration rows back."""
    from pytest_django.fixtures import _get_databases_for_setup

    if not _get_databases_for_setup(request.session.items)[0]:
        return  # no test uses the database: pytest-django made no test database to prepare
    with django_db_blocker.unblock():
        restore_migration_rows()
        if os.environ.get("SEARCH_URL"):
            call_command("update_index", stdout=StringIO())


@receiver(setting_changed, dispatch_uid="cong-language-code-url-caches")
def _language_code_changed(*, setting: str, **kwargs) -> None:
    """Django's reverse() keeps, per language, the i18n prefix as it was when first used: with
    LANGUAGE_CODE changed (or changed back) "en" would keep no /en/ and "vi" a /vi/ for later tests."""
    if setting == "LANGUAGE_CODE":
        clear_url_caches()


def pytest_configure(config) -> None:
    config.pluginmanager.register(_OneWorkerGroups(), "cong-one-worker-groups")
    config.addinivalue_line(
        "markers", "publication_gate: fixtures may not publish directly; only the editorial gate applies"
    )


@pytest.fixture(autouse=True)
def _fixtures_publish_directly(request):
    """Fixtures build live pages with `save_revision().publish()`, which the publication gate refuses
    outside an approved workflow. Tests under tests/moderation, and tests marked `publication_gate`,
    run with the gate alone; the others publish their fixtures as trusted code does."""
    if request.node.get_closest_marker("publication_gate") or "moderation" in request.node.path.parts:
        yield
        return
    with publishing_without_review("test fixture"):
        yield


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Each test sees empty caches (its own key namespace, tests/cache_keys.py: the Redis database
    outlives test transactions, whose on_commit purges never run, and is shared by runs)."""
    import uuid

    from django.core.cache import caches

    from caching import pagecache
    from tests import cache_keys

    cache_keys.namespace["run"] = f"test-{uuid.uuid4().hex[:12]}"
    pagecache.reset_outage()
    pagecache._pending_purges.clear()
    yield caches[pagecache.CACHE_ALIAS]
    cache_keys.namespace["run"] = ""


PORTAL = {"name": "Ủy ban nhân dân tỉnh Cà Mau", "kind": Agency.Kind.PROVINCE, "email": "ubnd@camau.gov.vn"}
AN_XUYEN = ("Ủy ban nhân dân phường An Xuyên", "anxuyen")
TAN_THANH = ("Ủy ban nhân dân phường Tân Thành", "tanthanh")


def _provision(
    name: str, label: str, kind: str = Agency.Kind.WARD, parent: Agency | None = None, **extra
) -> Agency:
    agency = Agency.objects.filter(
        name=name, domain_label=label, kind=kind, parent=parent, site__isnull=False
    ).first()
    if agency is not None and not extra:
        return agency  # already in the saved world the test started from (see "Worlds" below)
    agency = Agency.objects.create(name=name, domain_label=label, kind=kind, parent=parent, **extra)
    provision_agency(agency)
    agency.refresh_from_db()
    return agency


@pytest.fixture
def portal(db) -> Agency:
    """The provincial portal, provisioned (on PostgreSQL it comes with the saved "portal" world)."""
    agency = Agency.objects.filter(kind=Agency.Kind.PROVINCE, site__isnull=False).first()
    if agency is None:
        agency = Agency.objects.create(**PORTAL)
        provision_agency(agency)
    return agency


@pytest.fixture
def make_agency(portal):
    """make_agency(name, label, kind=ward, parent=None, **fields) → a provisioned agency; asking for one the
    test's world already holds (same name, label, kind and parent) returns it."""
    return _provision


@pytest.fixture
def two_wards(portal) -> tuple[Agency, Agency]:
    """Ủy ban nhân dân phường An Xuyên and phường Tân Thành under the portal (a saved world on PostgreSQL)."""
    return _provision(*AN_XUYEN), _provision(*TAN_THANH)


@pytest.fixture
def make_user(db):
    from tests.factories import UserFactory

    def make(username: str, *groups: Group, **extra):
        return UserFactory(username=username, groups=groups, **extra)

    return make


def login_admin(client, user) -> None:
    """Log a user into the admin the way every admin test must: signed in and past 2FA.

    The session is marked verified with a confirmed device of the user, exactly as the verify view
    does after a correct code (tests/security/ drive the real enrolment and verification).
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    client.force_login(user)
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def superuser(make_user):
    return make_user("superadmin", is_superuser=True, is_staff=True)


def group_of(agency: Agency, role: str) -> Group:
    return AgencyGroup.objects.get(agency=agency, role=role).group


# ---------------------------------------------------------------- the embedded default, built once per run

ROOT = Path(__file__).resolve().parent.parent
# Child processes get a clean environment: no services, and none of the test run's own switches
# (the browser tests allow sync ORM calls next to Playwright's event loop).
SERVICE_VARS = ("DATABASE_URL", "REDIS_URL", "SEARCH_URL", "SEARCH_ENGINE", "DJANGO_ALLOW_ASYNC_UNSAFE")


def manage(args: list[str], env: dict[str, str], timeout: int = 900) -> str:
    """Run ``manage.py`` as an operator does; a failure shows the command's own output."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


class EmbeddedDemo:
    """``make demo``'s database and media (SQLite, no services) after ``migrate`` and ``load_demo``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.load_output = ""

    @staticmethod
    def env_for(folder: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            DATABASE_URL=f"sqlite:///{folder / 'demo.sqlite3'}",
            MEDIA_ROOT=str(folder / "media"),
            DEMO_ADMIN_PASSWORD="demo-password-for-test",
        )
        return env

    def copy_to(self, folder: Path) -> dict[str, str]:
        """A private copy for one test (it may change it); returns the environment that uses it."""
        import shutil

        shutil.copy2(self.folder / "demo.sqlite3", folder / "demo.sqlite3")
        shutil.copytree(self.folder / "media", folder / "media", dirs_exist_ok=True)
        return self.env_for(folder)


@pytest.fixture(scope="session")
def embedded_demo(tmp_path_factory) -> EmbeddedDemo:
    """Loading the demo province on SQLite takes minutes: done once per run, tests take copies."""
    demo = EmbeddedDemo(tmp_path_factory.mktemp("embedded-demo"))
    env = demo.env_for(demo.folder)
    manage(["migrate", "--noinput"], env)
    demo.load_output = manage(["load_demo"], env)
    return demo


# ---------------------------------------------------------------- worlds: saved databases, built once per run
#
# Provisioning a site takes seconds and loading the demo province minutes, yet most tests start from the
# same few states. On PostgreSQL each state ("world") is built once per run and saved as a template
# database; a test that needs it gets a copy (CREATE DATABASE … TEMPLATE, about a second) before its
# transaction opens, and the transaction's rollback brings the world back for the next test. Tests are
# ordered by world (pytest_collection_modifyitems) so the copy happens a few times per run, not per test.
# A test's world is the richest its fixtures ask for: ``demo_db`` > ``two_wards`` > ``portal`` > the
# empty, migrated database. Elsewhere (SQLite) the fixtures build what they need in each test.

WORLDS = ("empty", "portal", "two_wards", "demo")
_DEMO_FIXTURES = ("demo_db", "demo_search_db")


def world_of(fixturenames) -> str:
    names = set(fixturenames)
    if names & set(_DEMO_FIXTURES):
        return "demo"
    if "two_wards" in names:
        return "two_wards"
    if "portal" in names:
        return "portal"
    return "empty"


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames)
        or (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    )


# Under pytest-xdist (`--dist loadgroup`) the tests of these expensive session states run in one worker,
# which builds them once: the demo world (load_demo on the search node) and the embedded demo (SQLite).
_ONE_WORKER_STATES = {"demo": "demo-world", "embedded_demo": "embedded-demo"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items) -> None:
    """After pytest-django's order (transactional tests last), group the tests by world."""
    items.sort(key=lambda item: (_is_transactional(item), WORLDS.index(world_of(item.fixturenames))))


class _OneWorkerGroups:
    """Puts the tests of ``_ONE_WORKER_STATES`` in one xdist group each.

    xdist's loadgroup scheduler groups the node ids that end in ``@<group>``; xdist 3.8 appends it by
    setting ``item._nodeid``, which pytest 9.2 no longer reads (its node ids are ``NodeId`` objects), so
    the suffix is set here on the id pytest reports to the scheduler.
    """

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, config, items) -> None:
        if not getattr(config.option, "loadgroup", False):  # set by xdist in its workers only
            return
        from _pytest.nodeid import NodeId

        for item in items:
            states = {world_of(item.fixturenames), *item.fixturenames} & set(_ONE_WORKER_STATES)
            if states and "@" not in item.nodeid:
                item._id = NodeId.parse(f"{item.nodeid}@{_ONE_WORKER_STATES[min(states)]}")


def _is_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def drop_database(cursor, name: str, attempts: int = 20) -> None:
    """Drop ``name``, ending the sessions still on it.

    FORCE first (fast; scripts/services.sh grants pg_signal_backend for it). A server that refuses it (an
    autovacuum worker belongs to no role) gets plain DROPs, which cancel autovacuum themselves.
    """
    import psycopg

    def caused_by(exc: Exception, error: type) -> bool:  # psycopg's own error, or Django's wrapper
        return isinstance(exc, error) or isinstance(exc.__cause__, error)

    try:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    except Exception as exc:
        if not caused_by(exc, psycopg.errors.InsufficientPrivilege):
            raise
    for attempt in range(attempts):
        try:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            return
        except Exception as exc:
            if not caused_by(exc, psycopg.errors.ObjectInUse) or attempt == attempts - 1:
                raise
            time.sleep(0.5)


def _swap_database(template: str) -> None:
    """Replace the test database by a copy of ``template`` (every Django connection closed first)."""
    from django.core.cache import caches
    from django.db import connection, connections

    name = connection.settings_dict["NAME"]
    connections.close_all()
    with connection._nodb_cursor() as cursor:  # connects to the server's maintenance database
        drop_database(cursor, name)
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    for cache in caches.all():
        cache.clear()  # cached pages, site roots and settings belong to the database just replaced


def _save_as_template(template: str) -> None:
    from django.db import connection, connections

    name = connection.settings_dict["NAME"]
    connections.close_all()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')


def _reindex() -> None:
    if os.environ.get("SEARCH_URL"):
        call_command("update_index", stdout=StringIO())


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory) -> Path:
    """The media folder of the demo world's images and documents (one per run)."""
    return tmp_path_factory.mktemp("demo-media")


class Worlds:
    """The saved worlds of this run and which one the test database holds now."""

    def __init__(self, demo_media: Path) -> None:
        from django.db import connection

        self.demo_media = demo_media
        self.database = connection.settings_dict["NAME"]
        self.saved: set[str] = set()
        self.current = "empty"  # pytest-django has just migrated an empty database
        _save_as_template(self.template("empty"))
        self.saved.add("empty")

    def template(self, world: str) -> str:
        return f"{self.database}_{world}"

    def enter(self, world: str) -> None:
        """Make the test database hold ``world`` (building and saving it on first use)."""
        if world == self.current:
            return
        if world not in self.saved:
            self._build(world)
        else:
            _swap_database(self.template(world))
            self.current = world
        # The search node forgets what the previous world held (rolled-back pages included).
        _reindex()

    def dirty(self) -> None:
        """A transactional test committed and flushed: the database matches no saved world."""
        self.current = "dirty"

    def _build(self, world: str) -> None:
        from django.test import override_settings

        base = {"portal": "empty", "two_wards": "portal", "demo": "empty"}[world]
        self.enter(base)
        with publishing_without_review("test world"):
            if world == "portal":
                provision_agency(Agency.objects.create(**PORTAL))
            elif world == "two_wards":
                _provision(*AN_XUYEN)
                _provision(*TAN_THANH)
            else:
                with override_settings(MEDIA_ROOT=self.demo_media):
                    call_command("load_demo", stdout=StringIO())
        _save_as_template(self.template(world))
        self.saved.add(world)
        self.current = world

    def drop(self) -> None:
        """Leave the empty database behind (``--reuse-db`` starts from it) and drop the saved worlds."""
        from django.db import connection, connections

        if self.current != "empty":
            _swap_database(self.template("empty"))
        connections.close_all()
        with connection._nodb_cursor() as cursor:
            for world in self.saved:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.template(world)}" WITH (FORCE)')


@pytest.fixture(scope="session")
def test_worlds(django_db_setup, django_db_blocker, demo_media) -> Iterator[Worlds | None]:
    with django_db_blocker.unblock():
        if not _is_postgresql():
            yield None
            return
        worlds = Worlds(demo_media)
    yield worlds
    with django_db_blocker.unblock():
        worlds.drop()


@pytest.fixture
def _django_db_helper(_enter_world, request, test_worlds, _django_db_helper):
    """pytest-django's database fixture, with the test's world copied in before its transaction opens.

    (Overriding it here is the one place that runs before the transaction of every database test,
    whether it asks for ``db``, ``transactional_db`` or the ``django_db`` mark.)"""
    yield
    if test_worlds is not None and "transactional_db" in request.fixturenames:
        test_worlds.dirty()


@pytest.fixture
def _enter_world(request, test_worlds, django_db_blocker) -> None:
    if test_worlds is not None:
        with django_db_blocker.unblock():
            test_worlds.enter(world_of(request.fixturenames))


@pytest.fixture
def demo_db(db, settings, demo_media) -> None:
    """The demo province (``load_demo``) in the test database, for this test only.

    Like ``db``: the test runs in a transaction that is rolled back; the search node's index holds
    the demo world while the test runs.
    """
    settings.MEDIA_ROOT = demo_media  # where the saved world's files are
    if not Agency.objects.exists():  # SQLite: no saved worlds
        call_command("load_demo", stdout=StringIO())


@pytest.fixture
def demo_search_db(demo_db) -> None:
    """``demo_db`` for a test that searches it: the search node's index holds the demo world (rebuilt
    when the world was copied in; on SQLite the database backend searches the tables themselves)."""
