from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Admin accounts: second factor, login protection, lifecycle, delegated administration, audit."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Admin accounts")

    def ready(self) -> None:
        from . import signals  # noqa: F401
