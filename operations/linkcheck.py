"""Weekly broken-link check over every live page (R84).

Links are read from each live page's own fields (URL fields, rich text, StreamField), so nothing has
to be rendered: ``<a linktype="page" id="…">`` references must point to a live page; addresses on the
province's own hosts are requested in-process (no network); other hosts over HTTP with a bounded
number of workers, at most two requests at a time per host, short timeouts, HEAD first (GET when a
server refuses HEAD), and only where the host's robots.txt lets the checker in. Addresses that resolve
to private or loopback networks are not fetched in production (an editor's link must not make the
server probe its own network); tests allow loopback for their local servers.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib import robotparser
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from sites.public_urls import base_url

from .models import BrokenLink, LinkCheckRun

logger = logging.getLogger(__name__)
USER_AGENT = "CongLinkChecker/1.0 (broken-link check of a provincial e-government portal)"
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_URL = re.compile(r"""https?://[^\s"'<>\\]+""")
_PAGE_LINK = re.compile(r"""<a[^>]*linktype=["']page["'][^>]*\bid=["'](\d+)["']""", re.IGNORECASE)
PER_HOST = 2

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None = None
    error: str = ""
    skipped: bool = False


# --- finding links -----------------------------------------------------------------------------------


def links_of(page: Page) -> set[str]:
    """Every address a page links to (absolute, relative, or ``page:<id>`` for Wagtail's page links)."""
    found: set[str] = set()
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False) or field.is_relation:
            continue
        value = getattr(page, field.attname, None)
        if not value:
            continue
        if isinstance(field, StreamField):
            # URL blocks hold bare addresses; rich-text blocks hold <a href> and page links.
            text = json.dumps(getattr(value, "raw_data", value), ensure_ascii=False, default=str).replace(
                '\\"', '"'
            )
            candidates = [*_HREF.findall(text), *_URL.findall(text)]
        elif isinstance(field, RichTextField):
            text = str(value)
            candidates = _HREF.findall(text)
        elif field.get_internal_type() == "URLField":
            text, candidates = "", [str(value)]
        else:
            continue
        found.update(f"page:{page_id}" for page_id in _PAGE_LINK.findall(text))
        for link in candidates:
            link = link.strip().rstrip(".,;)")
            if link and not link.startswith(("mailto:", "tel:", "#", "javascript:", "data:")):
                found.add(link)
    return found


def absolute(link: str, site: Site) -> str:
    if link.startswith("page:") or urlsplit(link).scheme in ("http", "https"):
        return link
    return urljoin(base_url(site) + "/", link)


# --- checking ----------------------------------------------------------------------------------------


class Checker:
    def __init__(
        self,
        *,
        timeout: float = 10.0,
        workers: int = 8,
        allow_private: bool | None = None,
        external: bool = True,
    ) -> None:
        self.external = external
        self.timeout = timeout
        self.workers = workers
        self.allow_private = settings.LINKCHECK_ALLOW_PRIVATE if allow_private is None else allow_private
        self.own_hosts = {host.lower() for host in Site.objects.values_list("hostname", flat=True)}
        self._robots: dict[str, robotparser.RobotFileParser | None] = {}
        self._robots_lock = threading.Lock()
        self._host_slots: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(PER_HOST))
        self._session = requests.Session()
        self._session.headers["User-Agent"] = USER_AGENT

    def check_all(self, links: Iterable[str]) -> dict[str, Outcome]:
        links = sorted(set(links))
        results: dict[str, Outcome] = {}
        external = []
        for link in links:
            if link.startswith("page:"):
                results[link] = self.check_page_reference(int(link[5:]))
            elif (urlsplit(link).hostname or "").lower() in self.own_hosts:
                results[link] = self.check_own(link)
            else:
                external.append(link)
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            for link, outcome in zip(external, pool.map(self.check_external, external), strict=True):
                results[link] = outcome
        return results

    @staticmethod
    def check_page_reference(page_id: int) -> Outcome:
        if Page.objects.filter(pk=page_id, live=True).exists():
            return Outcome(True)
        return Outcome(False, None, "linked page deleted or unpublished")

    def check_own(self, link: str) -> Outcome:
        parts = urlsplit(link)
        path = parts.path or "/"
        response = Client(raise_request_exception=False).get(
            path + (f"?{parts.query}" if parts.query else ""),
            HTTP_HOST=parts.hostname,
            HTTP_USER_AGENT=USER_AGENT,
        )
        hops = 0
        while response.status_code in (301, 302, 307, 308) and hops < 5:
            target = urlsplit(urljoin(link, response["Location"]))
            if (target.hostname or "").lower() not in self.own_hosts:
                return self.check_external(target.geturl())
            response = Client(raise_request_exception=False).get(
                target.path or "/", HTTP_HOST=target.hostname, HTTP_USER_AGENT=USER_AGENT
            )
            hops += 1
        return Outcome(response.status_code < 400, response.status_code, "")

    def _private(self, host: str) -> bool:
        try:
            addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
        except OSError:
            return False
        return any(
            ipaddress.ip_address(address.split("%")[0]).is_private
            or ipaddress.ip_address(address.split("%")[0]).is_loopback
            or ipaddress.ip_address(address.split("%")[0]).is_link_local
            for address in addresses
        )

    def allowed_by_robots(self, link: str) -> bool:
        parts = urlsplit(link)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if origin not in self._robots:
                parser = robotparser.RobotFileParser()
                try:
                    response = self._session.get(f"{origin}/robots.txt", timeout=self.timeout)
                    if response.status_code >= 400:
                        parser = None  # no robots.txt: everything allowed
                    else:
                        parser.parse(response.text.splitlines())
                except requests.RequestException:
                    parser = None
                self._robots[origin] = parser
            parser = self._robots[origin]
        return parser is None or parser.can_fetch(USER_AGENT, link)

    def check_external(self, link: str) -> Outcome:
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return Outcome(False, None, "not a web address")
        if not self.external:
            return Outcome(True, None, "other hosts not checked in this run", skipped=True)
        if not self.allow_private and self._private(parts.hostname):
            return Outcome(True, None, "private address, not checked", skipped=True)
        if not self.allowed_by_robots(link):
            return Outcome(True, None, "robots.txt asks not to check", skipped=True)
        with self._host_slots[parts.netloc]:
            try:
                response = self._session.head(link, timeout=self.timeout, allow_redirects=True)
                if response.status_code in (403, 405, 501):  # servers that refuse HEAD
                    response = self._session.get(
                        link, timeout=self.timeout, allow_redirects=True, stream=True
                    )
                    response.close()
            except requests.Timeout:
                return Outcome(False, None, "timed out")
            except requests.RequestException as error:
                return Outcome(False, None, type(error).__name__)
        return Outcome(response.status_code < 400, response.status_code, "")


# --- the run -----------------------------------------------------------------------------------------


def run_check(
    progress: Progress = lambda _message: None, *, site: Site | None = None, **checker_options
) -> LinkCheckRun:
    """Check every live page (of one site, or all); update each site's broken-link list."""
    started = timezone.now()
    run = LinkCheckRun.objects.create(started_at=started)
    checker = Checker(**checker_options)
    sites = [site] if site is not None else list(Site.objects.select_related("root_page"))
    page_links: list[tuple[Site, Page, dict[str, str]]] = []
    for current in sites:
        pages = current.root_page.get_descendants(inclusive=True).live().specific()
        for page in pages:
            links = {absolute(link, current): link for link in links_of(page)}
            page_links.append((current, page, links))
    everything = {link for _site, _page, links in page_links for link in links}
    progress(f"Link check: {len(page_links)} pages, {len(everything)} distinct links")
    begun = time.monotonic()
    outcomes = checker.check_all(everything)
    progress(f"  checked in {time.monotonic() - begun:.1f} s")

    broken_count = 0
    with transaction.atomic():
        checked_pages = [page.pk for _site, page, _links in page_links]
        still_broken: set[tuple[int, str]] = set()
        for current, page, links in page_links:
            for link, as_written in links.items():
                outcome = outcomes[link]
                if outcome.ok:
                    continue
                # Editors find the link as they wrote it (relative addresses stay relative).
                url = as_written[:2000]
                still_broken.add((page.pk, url))
                broken_count += 1
                existing = BrokenLink.objects.filter(page=page, url=url).first()
                if existing is None:
                    BrokenLink.objects.create(
                        site=current, page=page, url=url, status_code=outcome.status,
                        error=outcome.error[:255], first_failed_at=started, last_checked_at=started,
                    )  # fmt: skip
                else:
                    existing.status_code, existing.error = outcome.status, outcome.error[:255]
                    existing.last_checked_at = started
                    existing.consecutive_failures += 1
                    existing.save()
        # Links that work again, or that the page no longer has, leave the list.
        for row in BrokenLink.objects.filter(page_id__in=checked_pages):
            if (row.page_id, row.url) not in still_broken:
                row.delete()
        BrokenLink.objects.exclude(page__live=True).delete()
    run.pages, run.links, run.broken = len(page_links), len(everything), broken_count
    run.finished_at = timezone.now()
    run.save()
    progress(f"  {broken_count} broken links")
    return run
