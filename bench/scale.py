"""National-scale benchmark: provision thousands of sites, then compare the per-request cost with the
81-site province.

    python bench/scale.py --database-url postgres://cong:cong@127.0.0.1:54329/cong_scale
    python bench/scale.py --database-url … --sites 1000     # stop at 1,000 sites
    python bench/scale.py --database-url … --resume         # go on from where a run stopped

It runs on its own PostgreSQL database (created when missing; never the one in DATABASE_URL), with no
Redis and no search node (Celery and the search backend run in-process on that database), so nothing
reaches a shared queue or index.

1. The demo province's registry (81 agencies of Cà Mau) is loaded and provisioned; then, in-process
   (Django test client, DEBUG off), the CPU per request is measured for the portal home, a ward home,
   an unknown address (routing only, a 404), the sitemap and the admin's agency listing.
2. Synthetic agencies are added from the ``vietnam-provinces`` data: for each of the other 33
   provinces its communes and wards, and the 16 departments and units of the standard set (named with
   the province, e.g. "Sở Tài chính tỉnh Lào Cai"), until ``--sites`` sites exist. They are provisioned
   with progress; each site commits on its own, so ``--resume`` goes on after an interruption.
3. The same requests are measured again, and one table compares the two.

One registry holds every site (one provincial portal): Cổng has no tenancy of several provinces in one
installation yet. The figures measure what grows with the number of sites: provisioning, routing,
menus, the portal's directory and admin listings.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE = "cong_scale"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="",
        help=f"PostgreSQL database to build in (default: {DEFAULT_DATABASE} on DATABASE_URL's server)",
    )
    parser.add_argument("--sites", type=int, default=3900, help="sites to reach (default 3,900)")
    parser.add_argument("--requests", type=int, default=60, help="measured requests per address (60)")
    parser.add_argument("--rounds", type=int, default=3, help="measurement rounds (median; default 3)")
    parser.add_argument("--resume", action="store_true", help="keep the database and go on")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="sites built at once (default: one per core)"
    )
    return parser.parse_args()


def database_url(args: argparse.Namespace) -> str:
    if args.database_url:
        url = args.database_url
    else:
        base = os.environ.get("DATABASE_URL", "")
        if not base.startswith("postgres"):
            sys.exit("bench/scale.py runs on PostgreSQL: give --database-url or DATABASE_URL.")
        parts = urlsplit(base)
        url = parts._replace(path=f"/{DEFAULT_DATABASE}").geturl()
    if not url.startswith("postgres"):
        sys.exit("bench/scale.py runs on PostgreSQL (--database-url postgres://…).")
    if url == os.environ.get("DATABASE_URL"):
        sys.exit("bench/scale.py builds thousands of sites: give it a database of its own, not DATABASE_URL.")
    return url


def prepare_database(url: str, fresh: bool) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["REDIS_URL"] = ""  # Celery eager, local-memory caches: nothing reaches a shared service
    os.environ["SEARCH_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # no query log: measure what production does
    settings.CONG_PAGE_CACHE = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.CONG_NEW_SITE_STATUS = "live"  # the public pages are measured; no go-live paperwork here
    logging.getLogger("django.request").setLevel(logging.ERROR)
    call_command("migrate", verbosity=0, interactive=False)


# --- the registry ----------------------------------------------------------------------------------


def synthetic_seeds():
    """Agencies of the 33 other provinces: communes and wards, then the standard departments."""
    from vietnam_provinces import Province, Ward

    from sites.demo import _WARD_KIND, DEPARTMENTS, PROVINCE_CODENAME, AgencySeed
    from sites.domains import strip_admin_prefix, suggest_label

    provinces = sorted(
        (p for p in Province.iter_all() if p.codename != PROVINCE_CODENAME), key=lambda p: p.code
    )
    wards_of: dict[int, list] = {}
    for ward in Ward.iter_all():
        wards_of.setdefault(ward.province_code, []).append(ward)
    seeds: list[AgencySeed] = []
    for province in provinces:
        suffix = province.codename.replace("_", "")
        of_province = province.name[0].lower() + province.name[1:]  # "tỉnh Lào Cai", "thành phố Huế"
        for ward in wards_of.get(province.code, []):
            seeds.append(
                AgencySeed(
                    name=f"Ủy ban nhân dân {ward.division_type.value} {strip_admin_prefix(ward.name)}, "
                    f"{of_province}",
                    label=f"{suggest_label(ward.name)}-{suffix}"[:63],
                    kind=_WARD_KIND[ward.division_type],
                    abbreviation=ward.name,
                )
            )
        for department in DEPARTMENTS:
            if department.parent_label:
                continue  # sub-units need their parent's own site first; the standard set is enough
            seeds.append(
                AgencySeed(
                    name=f"{department.name} {of_province}",
                    label=f"{department.label}-{suffix}"[:63],
                    kind=department.kind,
                    abbreviation=department.abbreviation,
                )
            )
    return seeds


def add_agencies(wanted: int, progress) -> int:
    """Registry rows up to ``wanted`` agencies in all (created once; a rerun adds only what is missing)."""
    from sites.models import Agency

    have = Agency.objects.count()
    if have >= wanted:
        return 0
    taken = set(Agency.objects.values_list("domain_label", flat=True))
    new = []
    for seed in synthetic_seeds():
        if have + len(new) >= wanted:
            break
        label = seed.label
        n = 1
        while label in taken:
            n += 1
            label = f"{seed.label[:60]}-{n}"
        taken.add(label)
        new.append(
            Agency(
                name=seed.name,
                domain_label=label,
                kind=seed.kind,
                abbreviation=seed.abbreviation,
                address=seed.abbreviation,
                email=f"{label}@example.gov.vn",
            )
        )
    Agency.objects.bulk_create(new, batch_size=500)
    progress(f"  registry: {len(new)} agencies added ({have + len(new)} in all)")
    return len(new)


def provision_missing(progress, workers: int = 1) -> tuple[int, float]:
    from operations.models import SiteLaunch, forget_public_state
    from sites.models import Agency
    from sites.provisioning import provision_many

    SiteLaunch.objects.exclude(status=SiteLaunch.Status.LIVE).update(status=SiteLaunch.Status.LIVE)
    forget_public_state()
    agencies = list(Agency.objects.active().unbuilt().select_related("parent"))
    started = time.perf_counter()

    def report(number: int, total: int, result) -> None:
        if number % 50 == 0 or number == total:
            elapsed = time.perf_counter() - started
            rate = number / elapsed
            progress(
                f"  [{number}/{total}] {elapsed:7.1f} s, {rate * 60:6.0f} sites/min, "
                f"{elapsed / number:.2f} s/site, about {(total - number) / rate / 60:.1f} min left"
            )

    provision_many(agencies, progress=report, workers=workers)
    return len(agencies), time.perf_counter() - started


# --- per-request cost ------------------------------------------------------------------------------


@dataclass
class Target:
    label: str
    host: str
    path: str
    admin: bool = False


def targets() -> list[Target]:
    from django.urls import reverse

    from sites.models import Agency

    agencies = Agency.snippet_viewset.get_url_name("list")
    portal = Agency.objects.get(kind=Agency.Kind.PROVINCE)
    ward = Agency.objects.filter(kind=Agency.Kind.WARD, domain_label="anxuyen").first()
    ward = ward or Agency.objects.filter(kind=Agency.Kind.WARD).order_by("pk").first()
    return [
        Target("portal home (directory of every site)", portal.hostname, "/"),
        Target("ward home (menu, header, footer)", ward.hostname, "/"),
        Target("routing only (an unknown address, 404)", ward.hostname, "/khong-co-trang-nay/"),
        Target("ward sitemap.xml", ward.hostname, "/sitemap.xml"),
        Target("admin: agency registry listing", portal.hostname, reverse(agencies), admin=True),
        Target("admin: page explorer of the sites", portal.hostname, "/admin/pages/", admin=True),
    ]


def admin_client():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    user, _ = get_user_model().objects.get_or_create(
        username="bench-scale", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    device, _ = StaticDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def measure(requests: int, rounds: int) -> dict[str, tuple[float, int]]:
    """Median CPU ms per request (over rounds) and the status, per target."""
    from django.test import Client

    public, admin = Client(), admin_client()
    results: dict[str, tuple[float, int]] = {}
    chosen = targets()
    samples: dict[str, list[float]] = {t.label: [] for t in chosen}
    status: dict[str, int] = {}
    for _ in range(rounds):
        for target in chosen:
            client = admin if target.admin else public
            for _warm in range(3):
                response = client.get(target.path, HTTP_HOST=target.host)
            status[target.label] = response.status_code
            started = time.process_time()
            for _n in range(requests):
                client.get(target.path, HTTP_HOST=target.host)
            samples[target.label].append((time.process_time() - started) * 1000 / requests)
    for target in chosen:
        results[target.label] = (statistics.median(samples[target.label]), status[target.label])
    return results


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens, also into a file
    args = parse_args()
    url = database_url(args)
    prepare_database(url, fresh=not args.resume)
    print(f"Database: {url}")
    setup_django(url)
    from sites.demo import load_agencies
    from sites.models import Agency

    started = time.perf_counter()
    if not Agency.objects.exists():
        load_agencies(progress=print)
    demo_count, demo_seconds = provision_missing(print, args.jobs)
    from wagtail.models import Site

    base_sites = Site.objects.count()
    print(f"Province: {base_sites} sites ({demo_count} provisioned in {demo_seconds:.0f} s). Measuring…")
    before = measure(args.requests, args.rounds)

    add_agencies(args.sites, print)
    print("Provisioning the synthetic sites…")
    count, seconds = provision_missing(print, args.jobs)
    sites = Site.objects.count()
    print(f"{sites} sites. Measuring…")
    after = measure(args.requests, args.rounds)

    print()
    print(f"| | {base_sites} sites | {sites} sites | ratio |")
    print("|---|---|---|---|")
    rate = f"{count / seconds * 60:.0f} sites/min ({seconds / count:.2f} s/site)" if count else "—"
    print(f"| provisioning {count} sites ({args.jobs} processes) | | {seconds / 60:.1f} min, {rate} | |")
    for label, (cpu, code) in before.items():
        cpu_after, code_after = after[label]
        print(
            f"| {label} [{code}/{code_after}] CPU ms/request | {cpu:.2f} | {cpu_after:.2f} | "
            f"{cpu_after / cpu:.2f} |"
        )
    print(f"\nWhole run: {(time.perf_counter() - started) / 60:.1f} min.")


if __name__ == "__main__":
    main()
