from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """The public page cache and its exact purge (issue 13). It sits on top: it reads pages, sites,
    settings and snippets of every app, and nothing imports it."""

    name = "caching"
    verbose_name = _("Page cache")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals

        signals.connect()
