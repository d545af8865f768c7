"""Page benchmark: uncached and cached req/s and server CPU per request, next to a 1 KB Django view.

    python bench/pages.py                         # PostgreSQL from DATABASE_URL, Redis from REDIS_URL
    python bench/pages.py --load-demo             # migrate and load the demo into that database first
    python bench/pages.py --rounds 3 --duration 5 --connections 8

It starts four gunicorn servers with production settings (config.settings.production; 2 sync workers
each unless --workers says otherwise): Cổng with the page cache off (every request renders; the
fragments kept in Redis are used, as on a page-cache miss), Cổng with the page cache on, Cổng with the
page cache off and its Redis down (nothing kept anywhere: what the first view after a change costs,
and what every view costs in an outage), and bench/ceiling.py (a minimal Django view returning 1 KB: the most this machine
can serve through Django). Then, in interleaved rounds so that the machine's load affects every column
alike, it drives each (page, server) pair with `wrk` for --duration seconds and reads the workers' CPU
time from /proc, giving req/s and CPU ms per request. Last, it measures publish → fresh: an edit is
published through Wagtail and the cached server polled until the new title is served.

Prints one table (medians over the rounds).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per measurement (default 5)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers per server (default 2)")
    parser.add_argument("--load-demo", action="store_true", help="migrate and load the demo first")
    parser.add_argument("--publishes", type=int, default=5, help="publish → fresh samples (default 5)")
    return parser.parse_args()


def production_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
    env.setdefault("FIELD_ENCRYPTION_SALT", secrets.token_urlsafe(24))
    env["SECURE_SSL_REDIRECT"] = "false"  # plain HTTP on the loopback; everything else as in production
    env["SECURE_HSTS_SECONDS"] = "0"
    env["TRUSTED_PROXY_COUNT"] = "0"
    env.setdefault("LOG_LEVEL", "WARNING")
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench/pages.py needs DATABASE_URL on PostgreSQL (production settings).")
    if not env.get("REDIS_URL"):
        sys.exit("bench/pages.py needs REDIS_URL (production settings: the page cache lives there).")
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    app: str
    env: dict[str, str]
    workers: int
    port: int = 0
    process: subprocess.Popen | None = None

    def start(self) -> None:
        self.port = free_port()
        command = [
            sys.executable, "-m", "gunicorn", self.app,
            "--workers", str(self.workers), "--worker-class", "sync",
            "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", "--chdir", str(ROOT),
        ]  # fmt: skip
        self.process = subprocess.Popen(command, env=self.env, cwd=ROOT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    if len(self.worker_pids()) >= self.workers:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"{self.name}: gunicorn did not start")

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def cpu_seconds(self) -> float:
        total = 0
        for pid in [self.process.pid, *self.worker_pids()]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime + stime
        return total / CLOCK_TICKS

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(10)


@dataclass
class Sample:
    rates: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    errors: int = 0


def drive(server: Server, host: str, path: str, duration: int, connections: int) -> tuple[float, int, int]:
    """wrk against one address: (req/s, requests, non-2xx responses)."""
    command = [
        "wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-H", f"Host: {host}",
        f"http://127.0.0.1:{server.port}{path}",
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    requests = int(re.search(r"(\d+) requests in", output)[1])
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rate, requests, int(bad[1]) if bad else 0


def fetch(server: Server, host: str, path: str) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}{path}", headers={"Host": host})
    with urllib.request.urlopen(request, timeout=120) as response:  # loopback only
        return response.status, response.read().decode()


def setup_django(env: dict[str, str], load_demo: bool) -> None:
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    # Production serves fingerprinted static files from STATIC_ROOT (WhiteNoise's manifest storage).
    call_command("collectstatic", interactive=False, verbosity=0)
    if load_demo:
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_demo")
        call_command("update_index")


def pick_targets() -> list[tuple[str, str, str]]:
    """(label, host, path) for each page kind, taken from the database."""
    from wagtail.models import Site

    from cms.models import LegalDocumentIndexPage, LegalDocumentPage, NewsPage
    from sites.models import Agency

    def address(page) -> tuple[str, str]:
        site_id, _root, path = page.get_url_parts()
        return Site.objects.get(pk=site_id).hostname, path

    portal = Agency.objects.get(kind=Agency.Kind.PROVINCE).site
    ward = Agency.objects.filter(kind=Agency.Kind.WARD).exclude(site=None).order_by("name").first()
    ward = next(
        (
            a
            for a in Agency.objects.filter(kind=Agency.Kind.WARD).exclude(site=None)
            if NewsPage.objects.live().descendant_of(a.site.root_page).exists()
        ),
        ward,
    )
    news = NewsPage.objects.live().descendant_of(portal.root_page).order_by("-date").first()
    legal = LegalDocumentPage.objects.live().descendant_of(portal.root_page).first()
    listing = LegalDocumentIndexPage.objects.live().descendant_of(portal.root_page).first()
    return [
        ("portal home", portal.hostname, "/"),
        ("ward home", ward.site.hostname, "/"),
        ("news item", *address(news)),
        ("legal document", *address(legal)),
        ("legal listing", *address(listing)),
        ("search", portal.hostname, "/search/?q=an+ninh+m%E1%BA%A1ng"),
    ]


# The moderation gate refuses a publication without review unless the code says why (sites.publishing).
BENCH_REASON = "Đo thời gian từ lúc đăng đến khi trang mới hiển thị (bench/pages.py)"


def publish_to_fresh(server: Server, samples: int) -> list[float]:
    """Seconds from the start of a publish until the cached server serves the new title."""
    from cms.models import NewsPage
    from sites.publishing import publish, publishing_without_review

    page = NewsPage.objects.live().order_by("-date").first()
    host, path = page.get_site().hostname, page.get_url_parts()[2]
    original = page.title
    timings = []
    try:
        for n in range(samples):
            fetch(server, host, path)
            fetch(server, host, path)  # stored now
            title = f"{original} · bản {n} {secrets.token_hex(3)}"
            page = NewsPage.objects.get(pk=page.pk)
            page.title = title
            started = time.perf_counter()
            with publishing_without_review(BENCH_REASON):
                publish(page)
            while title not in fetch(server, host, path)[1]:
                if time.perf_counter() - started > 30:
                    raise SystemExit("publish → fresh: still stale after 30 s")
                time.sleep(0.005)
            timings.append(time.perf_counter() - started)
    finally:
        page = NewsPage.objects.get(pk=page.pk)
        page.title = original
        with publishing_without_review(BENCH_REASON):
            publish(page)
    return timings


def main() -> None:
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/pages.py drives the servers with wrk (Debian: apt-get install wrk).")
    env = production_environment()
    setup_django(env, args.load_demo)
    targets = pick_targets()
    servers = {
        "uncached": Server("uncached", "config.wsgi", {**env, "CONG_PAGE_CACHE": "false"}, args.workers),
        "cached": Server("cached", "config.wsgi", {**env, "CONG_PAGE_CACHE": "true"}, args.workers),
        "no redis": Server(
            "no-redis",
            "config.wsgi",
            {
                **env,
                "CONG_PAGE_CACHE": "false",
                "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
                "LOG_LEVEL": "ERROR",
            },
            args.workers,
        ),
        "ceiling": Server("ceiling", "bench.ceiling:application", env, args.workers),
    }
    try:
        for server in servers.values():
            server.start()
        for label, host, path in targets:  # every page answers 200 before anything is timed
            for name in ("uncached", "cached", "no redis"):
                status, _body = fetch(servers[name], host, path)
                if status != 200:
                    raise SystemExit(f"{label}: {name} server answered {status} for {host}{path}")
        results: dict[tuple[str, str], Sample] = {}
        plan = [("1 KB Django view", "ceiling", "bench.localhost", "/")]
        plan += [
            (label, mode, host, path)
            for label, host, path in targets
            for mode in ("uncached", "cached", "no redis")
        ]
        for round_number in range(1, args.rounds + 1):
            print(f"Round {round_number}/{args.rounds}…", flush=True)
            for label, mode, host, path in plan:
                server = servers[mode]
                drive(server, host, path, 1, args.connections)  # warm-up (and fill the cache)
                before = server.cpu_seconds()
                rate, requests, bad = drive(server, host, path, args.duration, args.connections)
                cpu = server.cpu_seconds() - before
                sample = results.setdefault((label, mode), Sample())
                sample.rates.append(rate)
                sample.cpu_ms.append(cpu / max(requests, 1) * 1000)
                sample.errors += bad
        print("Publish → fresh…", flush=True)
        fresh = publish_to_fresh(servers["cached"], args.publishes)
    finally:
        for server in servers.values():
            server.stop()

    ceiling = statistics.median(results[("1 KB Django view", "ceiling")].rates)
    print()
    print(
        f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; gunicorn {args.workers} sync "
        f"workers per server; wrk {args.connections} connections, {args.duration:g} s × {args.rounds} "
        "interleaved rounds (medians)."
    )
    header = f"{'page':<18} {'mode':<9} {'req/s':>8} {'CPU ms/req':>11} {'× ceiling':>10} {'errors':>7}"
    print(header)
    print("-" * len(header))
    for (label, mode), sample in results.items():
        rate = statistics.median(sample.rates)
        cpu = statistics.median(sample.cpu_ms)
        print(f"{label:<18} {mode:<9} {rate:>8.0f} {cpu:>11.2f} {rate / ceiling:>10.2f} {sample.errors:>7}")
    print(
        f"publish → fresh (cached server, {len(fresh)} publishes): median {statistics.median(fresh) * 1000:.0f} ms, "
        f"max {max(fresh) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
