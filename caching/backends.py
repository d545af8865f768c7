"""Wagtail frontend-cache backend for Cổng's own page cache (caching/pagecache.py).

Listed in WAGTAILFRONTENDCACHE next to any reverse-proxy or CDN backend (Wagtail's HTTPBackend for
Varnish/NGINX, Cloudflare, CloudFront…), so one purge reaches every layer.
"""

from __future__ import annotations

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from . import pagecache


class PageCacheBackend(BaseBackend):
    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        pagecache.purge_addresses(pagecache.address_of(url) for url in urls)
