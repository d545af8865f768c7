from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.feeds import SiteFeed
from cms.sitemaps import LocalisedSitemap
from cms.views import component_sites, favicon, html_sitemap, metadata_export, robots_txt
from search.views import search
from sites.views import archive

# A database outage answers 503 with the maintenance page instead of 500 (R95).
handler500 = "operations.views.server_error"

urlpatterns = [
    path("admin/2fa/", include("accounts.urls")),  # before the admin: reachable before 2FA
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LocalisedSitemap}}, name="sitemap"),
    path("", include("interaction.urls")),  # before rss/<category>/: it owns rss/lay-y-kien/
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("metadata.json", metadata_export, name="metadata_export"),
    path("search/", search, name="search"),
    path("api/v1/", include("opendata.urls")),
    path("luu-tru/<slug:label>/", archive, name="site_archive"),
    path("luu-tru/<slug:label>/<path:path>", archive, name="site_archive_page"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Foreign-language pages at /en/…, /ko/… (R9 path mode); Vietnamese stays at /. The sitemap and the
# feeds of each language follow its page tree (/en/so-do-trang/, /en/rss/).
urlpatterns += i18n_patterns(
    path("so-do-trang/", html_sitemap, name="html_sitemap"),
    path("don-vi/", component_sites, name="component_sites"),
    path("rss/", SiteFeed(), name="site_feed"),
    path("rss/<slug:category>/", SiteFeed(), name="category_feed"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
