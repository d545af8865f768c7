"""The one way Cổng writes an absolute address (issue 14).

Scheme and port come from configuration, never from the request: `WAGTAILADMIN_BASE_URL`
(`http://camau.localhost:8000` in the embedded demo, where `PORT` sets the port; `https://camau.gov.vn`
in production). The host name is the site's own (`Site.hostname`); for a request it is the host name of
the site that answers it, or the language host it came in on (`english.<site host>`). A visitor who
arrives on another port or scheme (a proxy's inner port, a typed `:8080`) therefore sees, and search
engines index, the same addresses as everyone else.

Canonical links, og:url and og:image, the sitemap and its hreflang alternates, robots.txt, the feeds,
the API and its exports, links and redirects between sites and the links in emails all come from here.
Wagtail builds its page addresses (`page.full_url`, `{% pageurl %}` to another site, the sitemap) from
`Site.root_url`, which it derives from the Site record's port (80 → http, 443 → https, any other → http
with that port); `install()` points that property here too, so the record's port decides nothing.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Page, Site

Where = Site | HttpRequest | str | None


def configured() -> SplitResult:
    """The configured public base URL (`WAGTAILADMIN_BASE_URL`), split."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL)


def join_host(scheme: str, hostname: str, port: str) -> str:
    """`scheme://hostname[:port]`, leaving out the scheme's default port."""
    default_port = "443" if scheme == "https" else "80"
    suffix = "" if port in (default_port, "") else f":{port}"
    return f"{scheme}://{hostname}{suffix}"


def request_hostname(request: HttpRequest) -> str:
    """The public host name for a request: its site's, or the language host it came in on."""
    domain, _port = split_domain_port(request.get_host())
    # Set by localization's host middleware on english.<site host> and its peers: that host is public.
    if getattr(request, "language_host", False):
        return domain
    site = Site.find_for_request(request)
    # An unknown host (an address, a stray name) is answered by the default site under its own name.
    return site.hostname if site is not None else (configured().hostname or domain)


def hostname_of(where: Where) -> str:
    if where is None:
        return configured().hostname or "localhost"
    if isinstance(where, str):
        return where
    if isinstance(where, Site):
        return where.hostname
    return request_hostname(where)  # Django's request or REST framework's, which wraps it


def base_url(where: Where = None) -> str:
    """`scheme://host[:port]` of a site, a request or a host name (the configured base URL for None)."""
    parts = configured()
    return join_host(parts.scheme or "http", hostname_of(where), str(parts.port or ""))


def absolute_url(where: Where, path: str = "/") -> str:
    """`path` ("/sitemap.xml", a page's or a file's URL) on the public base URL of `where`.

    An address that already names its host (a file on a storage service, a page of another site as
    Wagtail writes it) is returned as it is.
    """
    if urlsplit(path).netloc:
        return path
    return base_url(where) + "/" + path.lstrip("/")


def page_url(page: Page, request: HttpRequest | None = None) -> str | None:
    """A page's absolute address (None if it has none). With a request, a page of the request's own
    site stays on the host the request came to (a language host keeps its language)."""
    if request is None:
        return page.get_full_url()
    url = page.get_url(request)
    return absolute_url(request, url) if url is not None else None


def install() -> None:
    """Make Wagtail's `Site.root_url` the configured base URL of the site (see the module's docstring)."""
    Site.root_url = property(base_url, doc="scheme://host[:port] of the site (sites.public_urls).")
