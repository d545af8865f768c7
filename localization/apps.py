from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "localization"
    verbose_name = _("Localization")

    def ready(self) -> None:
        # wagtail-localize writes dates with an English month name ("26 November 2026") into its editor;
        # the admin has one date format, dd/mm/yyyy.
        import wagtail_localize.models
        import wagtail_localize.views.edit_translation

        from . import signals  # noqa: F401  (connects the receivers)

        wagtail_localize.models.DATE_FORMAT = wagtail_localize.views.edit_translation.DATE_FORMAT = "%d/%m/%Y"
