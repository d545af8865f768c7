from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Site
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.delegation import is_provincial_admin

from .admin_views import BackupsView, BrokenLinksView, VisitsView
from .models import MaintenanceWindow


@hooks.register("register_admin_urls")
def register_operations_urls():
    return [
        path("operations/backups/", BackupsView.as_view(), name="operations_backups"),
        path("operations/visits/", VisitsView.as_view(), name="operations_visits"),
        path("operations/broken-links/", BrokenLinksView.as_view(), name="operations_broken_links"),
    ]


class ProvincialAdminMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return is_provincial_admin(request.user)


class VisitsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        from sites.visibility import visible_sites

        return request.user.is_authenticated and visible_sites(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_visits_menu_item():
    return VisitsMenuItem(_("Visit statistics"), reverse("operations_visits"), icon_name="view", order=910)


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return VisitsMenuItem(_("Broken links"), reverse("operations_broken_links"), icon_name="link", order=920)


@hooks.register("register_reports_menu_item")
def register_backups_menu_item():
    return ProvincialAdminMenuItem(
        _("Backups and restore drills"), reverse("operations_backups"), icon_name="download", order=900
    )


class MaintenanceWindowViewSet(SnippetViewSet):
    model = MaintenanceWindow
    icon = "warning"
    menu_label = _("Maintenance notices")
    menu_order = 900
    add_to_admin_menu = False
    list_display = ["title", "starts_at", "ends_at", "close_public", "force_majeure"]


register_snippet(MaintenanceWindowViewSet)


@hooks.register("before_serve_page")
def mark_page_for_visit_count(page, request, serve_args, serve_kwargs):
    """The page a public request serves, counted by VisitCounterMiddleware once it answers 200."""
    site = Site.find_for_request(request)
    if site is not None and not getattr(request, "is_preview", False):
        request.cong_counted_page = page
        request.cong_counted_site_id = site.pk
