from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Admin accounts: second factor, login protection, lifecycle, delegated administration, audit."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Admin accounts")

    def ready(self) -> None:
        from . import signals, usernames  # noqa: F401

        usernames.install()

        from .isolation import guard_generic_object_views

        guard_generic_object_views()
