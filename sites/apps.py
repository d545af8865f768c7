from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "sites"
    verbose_name = _("Agencies and sites")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import unicode

        # Every app stands on sites, so the one NFC rule for stored text (R90) is connected here.
        unicode.connect()

        from . import public_urls

        # Wagtail's page addresses follow the one configured scheme and port (issue 14).
        public_urls.install()

        from .cache import install_site_root_paths

        # A page's address looks up its site among thousands without reading them all (issue 13).
        install_site_root_paths()

        from . import explorer

        # The page explorer's site filter is a search box, not a checkbox per site (issue 13).
        explorer.install()

        from .exports import guard_wagtail_exports

        # Every CSV/XLSX export, Wagtail's own included, neutralises formula cells (issue 11).
        guard_wagtail_exports()

        from .models import Agency
        from .retirement import forget_retired_hosts

        # Any change to an agency may retire or revive a host; the redirect table is rebuilt lazily.
        for signal in (post_save, post_delete):
            signal.connect(lambda **kwargs: forget_retired_hosts(), sender=Agency, weak=False)
