from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data API")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (purges cached responses when public content changes)
