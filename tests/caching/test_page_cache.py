"""The public page cache: what it stores, what it never stores, and that every change is seen at once.

The freshness tests enumerate: they warm every public address of the installation (every page of every
site in every locale, and each site's search, feeds and sitemaps), make one kind of change, then check
that each address, served through the cache, equals the same address rendered without it.
"""

from __future__ import annotations

import difflib
import re
import socket
import subprocess
import time
import uuid

from django.core.handlers.wsgi import WSGIRequest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction, Site

from caching import pagecache
from caching.purge import Topology
from cms.models import NewsIndexPage, NewsPage, StandardPage
from config.cache import ReusingRedisCache
from localization.locales import translate_page
from operations.frontdoor import PageCacheFrontDoor
from sites.models import Agency, ProvinceProfile, SiteContactSettings
from tests.conftest import login_admin, refresh_search_index

HIT = "X-Cong-Cache"


class FrontDoorHandler:
    """The test client's handler behind the WSGI front door, as gunicorn serves Cổng
    (config/wsgi.py): cache hits are answered by the front door, everything else by Django."""

    def __init__(self, handler) -> None:
        self.handler = handler
        self.front_door = PageCacheFrontDoor(None)
        self.answered = 0  # how many requests the front door answered

    def __call__(self, environ: dict):
        response = self.front_door.cached_response(environ)
        if response is None:
            return self.handler(environ)
        self.answered += 1
        response.wsgi_request = WSGIRequest(environ)  # what the test client reads from a response
        return response


def front_door_client() -> Client:
    client = Client()
    client.handler = FrontDoorHandler(client.handler)
    return client


def get(url: str, client: Client | None = None, **headers):
    """``url`` as a visitor reads it: through the front door unless ``client`` says otherwise."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    client = client or front_door_client()
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return client.get(path, HTTP_HOST=parts.netloc, **headers)


def every_public_url() -> list[str]:
    """Every address a visitor can read: all pages of all sites in all locales, plus each site's
    search (with a query), feeds and sitemaps."""
    topology = Topology()
    urls: set[str] = set()
    for site in topology.sites.values():
        urls |= topology.whole_site_urls(site)
    # The demo's sites answer in path mode: their language hosts are not in use.
    main_hosts = {f"http://{site.hostname}/" for site in topology.sites.values()}
    urls = {u for u in urls if any(u.startswith(host) for host in main_hosts)}
    urls = {
        u for u in urls if not u.split("://", 1)[1].split("/", 1)[1].startswith(("ko/", "zh-hans/", "ja/"))
    }
    urls |= {u.replace("/search/", "/search/?q=tin") for u in urls if u.endswith("/search/")}
    return sorted(urls)


def warm(urls: list[str]) -> list[str]:
    """Request each address once (storing it); the addresses that answered 200."""
    return [url for url in urls if get(url).status_code == 200]


def uncached(url: str, cache) -> bytes:
    """The address rendered right now without the cache (a fresh key prefix is an empty cache)."""
    prefix = cache.key_prefix
    cache.key_prefix = f"fresh-{uuid.uuid4().hex[:8]}"
    try:
        return get(url).content
    finally:
        cache.key_prefix = prefix


def comparable(url: str, content: bytes) -> bytes:
    """Feeds state when they were built; that line differs between any two renderings. A search page's
    order of equally relevant results follows index-wide statistics, which any write on any site moves:
    its lines are compared as a set (a result added, removed or changed still differs)."""
    content = re.sub(rb"<lastBuildDate>[^<]*</lastBuildDate>", b"", content)
    if "/search/" in url:
        content = b"\n".join(sorted(line.strip() for line in content.splitlines()))
    return content


def assert_all_fresh(urls: list[str], cache) -> None:
    stale = []
    for url in urls:
        served = comparable(url, get(url).content)
        fresh = comparable(url, uncached(url, cache))
        if served != fresh:
            diff = difflib.unified_diff(
                fresh.decode().splitlines(), served.decode().splitlines(), lineterm="", n=1
            )
            stale.append(f"{url}:\n" + "\n".join(list(diff)[2:14]))
    assert not stale, "stale after the change (- fresh, + served): " + "\n".join(stale)


# --- what is stored ---------------------------------------------------------------------------------


def test_anonymous_page_view_is_stored_and_revalidated(province):
    first = get("http://anxuyen.camau.localhost/tin-tuc/tin-0/")
    second = get("http://anxuyen.camau.localhost/tin-tuc/tin-0/")
    assert first.status_code == second.status_code == 200
    assert (first[HIT], second[HIT]) == ("miss", "hit")
    assert first.content == second.content
    assert "public" in second["Cache-Control"] and "s-maxage" in second["Cache-Control"]
    assert second["ETag"] == first["ETag"] and second["Last-Modified"]
    not_modified = get("http://anxuyen.camau.localhost/tin-tuc/tin-0/", HTTP_IF_NONE_MATCH=second["ETag"])
    assert not_modified.status_code == 304
    head = front_door_client().head("/tin-tuc/tin-0/", HTTP_HOST="anxuyen.camau.localhost")
    assert head.status_code == 200 and head[HIT] == "hit"


def test_variants_are_kept_apart(province):
    """Host, port, language and query are kept apart (links name the configured port whatever the
    visitor's: sites.public_urls)."""
    plain = get("http://anxuyen.camau.localhost/tin-tuc/")
    other_port = get("http://anxuyen.camau.localhost:8000/tin-tuc/")
    assert other_port[HIT] == "miss"
    assert 'href="http://camau.localhost/"' in other_port.content.decode()
    assert 'href="http://camau.localhost/"' in plain.content.decode()
    assert get("http://anxuyen.camau.localhost/tin-tuc/?p=2")[HIT] == "miss"
    assert get("http://sotaichinh.camau.localhost/tin-tuc/").status_code == 404


# --- what is never stored ---------------------------------------------------------------------------


def test_signed_in_visitors_are_never_served_or_stored(province, superuser):
    client = Client()
    login_admin(client, superuser)
    url = "http://anxuyen.camau.localhost/tin-tuc/tin-1/"
    for _ in range(2):
        response = get(url, client)
        assert response.get(HIT) is None
        assert "private" in response["Cache-Control"]
    assert get(url)[HIT] == "miss"  # the signed-in views left nothing for the public
    admin = get("http://anxuyen.camau.localhost/admin/", client)
    assert (admin.get(HIT) is None and "private" in admin["Cache-Control"]) or "no-cache" in admin[
        "Cache-Control"
    ]


def test_admin_preview_and_drafts_never_reach_the_cache(province, superuser):
    item = province["items"][0]
    item.title = "Bản nháp chưa duyệt"
    item.save_revision()  # a draft: never public
    client = Client()
    login_admin(client, superuser)
    preview = client.get(f"/admin/pages/{item.pk}/edit/preview/", HTTP_HOST="anxuyen.camau.localhost")
    assert preview.get(HIT) is None
    for _ in range(2):
        public = get("http://anxuyen.camau.localhost/tin-tuc/tin-0/")
        assert "Bản nháp chưa duyệt" not in public.content.decode()


def test_restricted_pages_and_csrf_forms_are_never_stored(province):
    item = province["items"][1]
    PageViewRestriction.objects.create(page=item, restriction_type="password", password="mat-khau-dai")
    for _ in range(2):
        response = get("http://anxuyen.camau.localhost/tin-tuc/tin-1/")
        assert response.get(HIT) is None
        assert "private" in response["Cache-Control"]
        assert "csrfmiddlewaretoken" in response.content.decode()  # the password form
    signed = PageViewRestriction.objects.create(page=province["items"][2], restriction_type="login")
    assert signed.pk
    response = get("http://anxuyen.camau.localhost/tin-tuc/tin-2/")
    assert response.status_code == 302 and response.get(HIT) is None


def test_posts_and_error_pages_are_not_stored(province):
    missing = get("http://anxuyen.camau.localhost/khong-co/")
    assert missing.status_code == 404 and missing.get(HIT) is None
    post = front_door_client().post("/search/", {"q": "tin"}, HTTP_HOST="anxuyen.camau.localhost")
    assert post.get(HIT) is None


# --- a cache that is down is skipped, never fatal -----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_pages_are_served_when_redis_dies_and_cached_again_when_it_returns(province, monkeypatch, tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        throwaway = ReusingRedisCache(
            f"redis://127.0.0.1:{port}/0",
            {"OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}},
        )
        monkeypatch.setattr(pagecache, "accelerator", lambda: throwaway)
        for _ in range(50):
            try:
                throwaway.set("ping", 1)
                break
            except Exception:  # still starting
                time.sleep(0.05)
        url = "http://anxuyen.camau.localhost/tin-tuc/"
        assert get(url)[HIT] == "miss"
        assert get(url)[HIT] == "hit"
        server.terminate()
        server.wait(5)
        down = [get(url) for _ in range(5)]
        assert all(r.status_code == 200 and r[HIT] == "miss" for r in down)
        assert not pagecache.available()  # after the first refused call the cache is left alone a while
        # A publish while Redis is down is remembered and purged once it is back.
        item = province["items"][0]
        item.title = "Tin đăng khi Redis ngừng"
        item.save_revision().publish()
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.3)
        pagecache.reset_outage()
        assert "Tin đăng khi Redis ngừng" in get(url).content.decode()
    finally:
        server.terminate()
        server.wait(5)


# --- every kind of change is seen on the next request, at every address ----------------------------------


def test_publish_edit_is_fresh_everywhere(province, fresh_page_cache):
    urls = warm(every_public_url())
    item = province["items"][1]
    item.title = "Tin số 1 đã sửa"
    item.save_revision().publish()
    assert_all_fresh(urls, fresh_page_cache)
    assert "Tin số 1 đã sửa" in get("http://anxuyen.camau.localhost/").content.decode()


def test_new_page_publish_is_fresh_everywhere(province, fresh_page_cache):
    urls = warm(every_public_url())
    item = NewsPage(title="Tin mới đăng", slug="tin-moi", date="2026-06-30")
    province["news"].add_child(instance=item)
    item.save_revision().publish()
    assert_all_fresh([*urls, "http://anxuyen.camau.localhost/tin-tuc/tin-moi/"], fresh_page_cache)


def test_unpublish_is_fresh_everywhere(province, fresh_page_cache):
    urls = warm(every_public_url())
    province["items"][0].unpublish()
    assert_all_fresh(urls, fresh_page_cache)
    assert get("http://anxuyen.camau.localhost/tin-tuc/tin-0/").status_code == 404


def test_move_is_fresh_everywhere(province, fresh_page_cache):
    urls = warm(every_public_url())
    home = province["home"]
    archive = StandardPage(title="Lưu trữ", slug="luu-tru-tin")
    home.add_child(instance=archive)
    archive.save_revision().publish()
    urls = every_public_url() + urls
    warm(urls)
    province["items"][2].move(archive, pos="last-child")
    assert_all_fresh(sorted(set(urls + every_public_url())), fresh_page_cache)
    old = get("http://anxuyen.camau.localhost/tin-tuc/tin-2/")  # Wagtail's automatic redirect
    assert old.status_code == 301 and old["Location"].endswith("/luu-tru-tin/tin-2/")


def test_delete_is_fresh_everywhere(province, fresh_page_cache):
    urls = warm(every_public_url())
    Page.objects.get(pk=province["items"][1].pk).delete()
    assert_all_fresh(urls, fresh_page_cache)


def test_menu_change_is_fresh_on_every_page_of_the_site(province, fresh_page_cache):
    urls = warm(every_public_url())
    news = province["news"]
    news.title = "Tin tức – Sự kiện"
    news.save_revision().publish()
    assert_all_fresh(urls, fresh_page_cache)


def test_translation_publish_is_fresh_everywhere(province, portal, fresh_page_cache):
    en = Locale.objects.get(language_code="en")
    home = portal.site.root_page.specific
    translate_page(home, en, {home.title: "Ca Mau Provincial People's Committee"})
    intro = StandardPage.objects.child_of(home).get(slug="gioi-thieu")
    # The search node shows writes after its refresh: warm the search pages on what it has indexed, so
    # the comparison below is about the purge, not the node's refresh interval.
    refresh_search_index()
    urls = warm(every_public_url())
    translate_page(intro, en, {"Giới thiệu": "Introduction"})
    refresh_search_index()
    urls = sorted(set(urls + every_public_url()))
    assert_all_fresh(urls, fresh_page_cache)
    assert "Introduction" in get("http://camau.localhost/en/").content.decode()


def test_search_pages_follow_an_index_write_that_lands_after_the_purge(province, fresh_page_cache):
    """With a worker, a publication is indexed after its purge; a search page rendered in between must
    not stay cached without the new page (the search backend announces the write, caching purges)."""
    from django.test import override_settings
    from modelsearch import index

    item = NewsPage(title="Thông báo tuyển dụng viên chức năm 2026", slug="tuyen-dung", date="2026-06-30")
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        province["news"].add_child(instance=item)
        item.save_revision().publish()  # live and purged; its index job waits for the worker
    searches = [
        f"http://{host}/search/?q=tuyen+dung" for host in ("anxuyen.camau.localhost", "camau.localhost")
    ]
    for url in searches:
        get(url)
        early = get(url)
        assert early[HIT] == "hit" and "tuyển dụng viên chức" not in early.content.decode()
    index.insert_or_update_object(item)  # the worker's job
    for url in searches:
        late = get(url)
        assert late[HIT] == "miss" and "tuyển dụng viên chức" in late.content.decode(), url


def test_a_page_made_private_leaves_the_cache_at_once(province, fresh_page_cache):
    """A page stored while public is never served from the cache once a restriction covers it, and
    the listings, homes and feeds that showed it are fresh too; lifting the restriction shows it again."""
    item = province["items"][1]
    url = "http://anxuyen.camau.localhost/tin-tuc/tin-1/"
    urls = [u for u in warm(every_public_url()) if u != url]
    assert get(url)[HIT] == "hit" and "Tin số 1" in get("http://anxuyen.camau.localhost/").content.decode()
    restriction = PageViewRestriction.objects.create(
        page=item, restriction_type="password", password="mat-khau-dai"
    )
    private = get(url)
    assert private.get(HIT) is None and "private" in private["Cache-Control"]
    assert "Tóm tắt 1" not in private.content.decode()
    assert_all_fresh(urls, fresh_page_cache)
    assert "Tin số 1" not in get("http://anxuyen.camau.localhost/").content.decode()
    restriction.delete()
    assert "Tin số 1" in get("http://anxuyen.camau.localhost/").content.decode()
    assert "Tóm tắt 1" in get(url).content.decode()


def test_privacy_set_in_the_admin_dialog_leaves_the_cache_at_once(province, fresh_page_cache, superuser):
    """The editor's route to a restriction, Wagtail's privacy dialog, purges like a saved restriction;
    choosing "public" again in the dialog brings the page back."""
    item = province["items"][1]
    url = "http://anxuyen.camau.localhost/tin-tuc/tin-1/"
    urls = [u for u in warm(every_public_url()) if u != url]
    assert get(url)[HIT] == "hit"
    admin = Client()
    login_admin(admin, superuser)
    dialog = reverse("wagtailadmin_pages:set_privacy", args=[item.pk])
    answer = admin.post(
        dialog, {"restriction_type": "password", "password": "mat-khau-dai"}, HTTP_HOST="camau.localhost"
    )
    assert answer.status_code == 200 and PageViewRestriction.objects.filter(page=item).exists()
    private = get(url)
    assert private.get(HIT) is None and "Tóm tắt 1" not in private.content.decode()
    assert_all_fresh(urls, fresh_page_cache)
    assert "Tin số 1" not in get("http://anxuyen.camau.localhost/").content.decode()
    answer = admin.post(dialog, {"restriction_type": "none"}, HTTP_HOST="camau.localhost")
    assert answer.status_code == 200 and not PageViewRestriction.objects.filter(page=item).exists()
    assert "Tin số 1" in get("http://anxuyen.camau.localhost/").content.decode()
    assert "Tóm tắt 1" in get(url).content.decode()


def test_a_private_page_moved_elsewhere_stays_out_of_every_listing(province, fresh_page_cache):
    """The listings, homes, feeds and sitemaps leave out restricted pages by their kept paths: moving a
    restricted page gives it a new path, which must be the one kept from then on."""
    home = province["home"]
    internal = NewsIndexPage(title="Tin nội bộ", slug="tin-noi-bo")
    home.add_child(instance=internal)
    internal.save_revision().publish()
    PageViewRestriction.objects.create(
        page=province["items"][1], restriction_type="password", password="mat-khau-dai"
    )
    urls = warm(every_public_url())
    assert "Tin số 1" not in get("http://anxuyen.camau.localhost/tin-tuc/").content.decode()
    Page.objects.get(pk=province["items"][1].pk).move(internal, pos="last-child")
    for url in ("/", "/tin-noi-bo/", "/tin-tuc/", "/sitemap.xml", "/rss/"):
        assert "tin-1" not in get(f"http://anxuyen.camau.localhost{url}").content.decode(), url
    public = {url for url in urls + every_public_url() if "/tin-1/" not in url}  # its password form: CSRF
    assert_all_fresh(sorted(public), fresh_page_cache)


def test_site_setting_change_is_fresh_everywhere(province, fresh_page_cache):
    urls = warm(every_public_url())
    contact = SiteContactSettings.for_site(province["ward"].site)
    contact.phone = "0290 3 831 999"
    contact.save()
    assert_all_fresh(urls, fresh_page_cache)
    assert "0290 3 831 999" in get("http://anxuyen.camau.localhost/tin-tuc/tin-2/").content.decode()


def test_generic_setting_change_is_fresh_everywhere(province, fresh_page_cache):
    urls = warm(every_public_url())
    profile = ProvinceProfile.load()
    profile.licence_line = "Giấy phép số 99/GP-TTĐT"
    profile.save()
    assert_all_fresh(urls, fresh_page_cache)


def test_agency_change_is_fresh_everywhere(province, fresh_page_cache):
    urls = warm(every_public_url())
    agency = Agency.objects.get(domain_label="sotaichinh")
    agency.name = "Sở Tài chính tỉnh Cà Mau"
    agency.save()
    assert_all_fresh(urls, fresh_page_cache)
    assert "Sở Tài chính tỉnh Cà Mau" in get("http://camau.localhost/").content.decode()


def test_site_change_is_fresh_everywhere(province, fresh_page_cache):
    """A site's host name is in the portal's directory and in every link to the site (fragments
    included): changing it is seen everywhere on the next request."""
    urls = warm(every_public_url())
    get("http://camau.localhost/")
    assert get("http://camau.localhost/")[HIT] == "hit"
    site = Agency.objects.get(domain_label="sotaichinh").site
    site.hostname = "taichinh.camau.localhost"
    site.save()
    urls = [url for url in urls if "sotaichinh." not in url]
    assert_all_fresh(urls, fresh_page_cache)
    portal = get("http://camau.localhost/").content.decode()
    assert "taichinh.camau.localhost" in portal and "sotaichinh.camau.localhost" not in portal


def test_the_site_of_a_host_is_kept_only_for_the_host_names_of_sites(province, fresh_page_cache):
    """Routing reads a request's site from a fragment per host name (sites.cache.find_site); a host
    name that is no site's (answered by the default site) is looked up each time, so what clients
    send cannot fill the cache, and a new site's host is its own once the site exists."""
    from sites.cache import FRAGMENTS_VERSION_KEY

    def kept(host: str):
        version = fresh_page_cache.get(FRAGMENTS_VERSION_KEY)
        return fresh_page_cache.get(f"pc:f:{version}:site-for-host:{host}:80")

    ward = "anxuyen.camau.localhost"
    client = Client()  # through Django: the front door answers hits before any site lookup
    assert client.get("/", HTTP_HOST=ward).status_code == 200
    assert kept(ward).hostname == ward
    for number in range(5):
        host = f"khong-co-{number}.camau.localhost"
        assert client.get("/", HTTP_HOST=host).status_code == 200  # the default site answers
        assert kept(host) is None
    site = Agency.objects.get(domain_label="sotaichinh").site
    site.hostname = "khong-co-0.camau.localhost"
    site.save()
    response = client.get("/", HTTP_HOST="khong-co-0.camau.localhost")
    assert kept("khong-co-0.camau.localhost").pk == site.pk
    assert Agency.objects.get(site=site).name in response.content.decode()


def test_snippet_change_is_fresh_everywhere(province, fresh_page_cache):
    urls = [*every_public_url(), "http://anxuyen.camau.localhost/rss/thoi-su/"]
    warm(urls)
    category = province["category"]
    category.name = "Thời sự trong tỉnh"
    category.save()
    assert_all_fresh(urls, fresh_page_cache)


def _notice(**fields):
    import datetime as dt

    from django.utils import timezone

    from operations.models import MaintenanceWindow

    start = timezone.now() + dt.timedelta(days=10)
    return MaintenanceWindow.objects.create(
        title="Nâng cấp máy chủ",
        reason="Nâng cấp cơ sở dữ liệu.",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=4),
        **fields,
    )


def test_maintenance_notice_is_fresh_everywhere_and_its_pages_stay_cached(province, fresh_page_cache):
    """Announcing a notice for one site, extending it to a second, then withdrawing it: every address
    stays fresh. Pages carrying the banner are cached, but only until the notice ends."""
    urls = warm(every_public_url())
    ward_site = province["ward"].site
    notice = _notice()
    notice.sites.set([ward_site])
    assert_all_fresh(urls, fresh_page_cache)
    ward_home = "http://anxuyen.camau.localhost/"
    assert "maintenance-notice" in get(ward_home).content.decode()
    cached = get(ward_home)
    assert cached[HIT] == "hit" and "maintenance-notice" in cached.content.decode()
    seconds_left = (notice.ends_at - notice.created_at).total_seconds()
    s_maxage = int(re.search(r"s-maxage=(\d+)", cached["Cache-Control"]).group(1))
    assert s_maxage <= min(seconds_left, pagecache.timeout())
    assert "maintenance-notice" not in get("http://camau.localhost/").content.decode()

    notice.sites.add(Site.objects.get(hostname="camau.localhost"))
    assert_all_fresh(urls, fresh_page_cache)
    assert "maintenance-notice" in get("http://camau.localhost/").content.decode()

    notice.delete()
    assert_all_fresh(urls, fresh_page_cache)
    assert "maintenance-notice" not in get(ward_home).content.decode()


def test_a_page_whose_banner_has_ended_is_not_served_from_the_cache(province, fresh_page_cache):
    """The cached entry's life ends with the notice: past that moment the page is rendered again."""
    import datetime as dt

    from django.utils import timezone

    from operations.models import MaintenanceWindow

    notice = _notice()
    ward_home = "http://anxuyen.camau.localhost/"
    assert "maintenance-notice" in get(ward_home).content.decode()
    # The notice ends without any save (its time simply passes): only the entry's lifetime protects.
    MaintenanceWindow.objects.filter(pk=notice.pk).update(ends_at=timezone.now() + dt.timedelta(seconds=2))
    from operations.models import forget_public_state

    forget_public_state()
    fresh_page_cache.clear()
    first = get(ward_home)
    assert first[HIT] == "miss" and "maintenance-notice" in first.content.decode()
    assert int(re.search(r"s-maxage=(\d+)", first["Cache-Control"]).group(1)) <= 2
    time.sleep(3)
    forget_public_state()
    after = get(ward_home)
    assert after[HIT] == "miss" and "maintenance-notice" not in after.content.decode()


def test_emc_code_change_is_fresh_everywhere(province, fresh_page_cache, settings):
    from operations.models import SiteLaunch

    settings.CONG_EMC_SCRIPT_URL = "https://emc.example.gov.vn/emc.js"
    urls = warm(every_public_url())
    launch = SiteLaunch.for_site(province["ward"].site)
    launch.emc_code = "EMC-CM-ANXUYEN-2"
    launch.save()
    assert_all_fresh(urls, fresh_page_cache)
    assert "EMC-CM-ANXUYEN-2" in get("http://anxuyen.camau.localhost/tin-tuc/tin-1/").content.decode()


def test_a_new_site_is_fresh_everywhere_once_built(province, make_agency, fresh_page_cache):
    """While provisioning builds a site, its pages skip their own purges; the finished site and the
    portal that lists it are purged once. Before the site existed, its host was answered by the
    default site (the portal), and those answers were cached under the new host: they must go."""
    host = "sotuphap.camau.localhost"
    new_site_urls = [f"http://{host}/", f"http://{host}/hoi-dap/", f"http://{host}/gioi-thieu/"]
    urls = warm([*every_public_url(), *new_site_urls])
    assert f"http://{host}/" in urls  # answered (and stored) by the portal, as the default site
    make_agency("Sở Tư pháp", "sotuphap", Agency.Kind.DEPARTMENT)
    assert_all_fresh(urls, fresh_page_cache)
    assert "Sở Tư pháp" in get(f"http://{host}/").content.decode()
    assert f"http://{host}/" in get("http://camau.localhost/").content.decode()  # the portal's directory


def test_purge_urls_is_the_entry_point_for_other_caches(province):
    from caching.purge import purge_urls

    url = "http://anxuyen.camau.localhost/tin-tuc/"
    get(url)
    assert get(url)[HIT] == "hit"
    assert get(url + "?p=2")[HIT] == "miss"
    purge_urls([url])
    assert get(url)[HIT] == "miss"
    assert get(url + "?p=2")[HIT] == "miss"  # a purge covers every query string of the address
    assert Site.objects.count() == 3


def test_a_publish_or_a_new_site_reads_only_the_sites_it_touches(province, make_agency):
    """The purge of one page (or of one new site) looks up its own site, its homes and the portal's,
    not every site of the installation: that made each publish and each new site slower as the
    installation grew (3,833 sites read per publish on a national installation)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def every_site_or_home_read(queries) -> list[str]:
        reads = []
        for query in queries.captured_queries:
            sql = query["sql"]
            if sql.startswith("SELECT") and 'FROM "wagtailcore_site"' in sql and " WHERE " not in sql:
                reads.append(sql)
            if sql.startswith("SELECT") and '"wagtailcore_page"."depth" = 2' in sql and " AND " not in sql:
                reads.append(sql)
        return reads

    item = province["items"][1]
    item.title = "Tin số 1 đã sửa"
    with CaptureQueriesContext(connection) as queries:
        item.save_revision().publish()
    assert not every_site_or_home_read(queries)
    with CaptureQueriesContext(connection) as queries:
        make_agency("Sở Tư pháp", "sotuphap", Agency.Kind.DEPARTMENT)
    assert not every_site_or_home_read(queries)
