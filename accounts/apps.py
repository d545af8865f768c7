from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Admin accounts: second factor, login protection, lifecycle, delegated administration, audit."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Admin accounts")

    def ready(self) -> None:
        from django.contrib.auth.models import User

        from . import signals, usernames  # noqa: F401

        usernames.install()

        from .isolation import guard_generic_object_views

        guard_generic_object_views()

        # Vietnamese names put the family name first ("Nguyễn Thị Hòa", not "Hòa Nguyễn Thị"); Wagtail and
        # Django show User.get_full_name() everywhere (history, workflow, dashboards), so it follows suit.
        User.get_full_name = vietnamese_full_name


def vietnamese_full_name(user) -> str:
    """Họ và tên đệm (last_name) then tên (first_name)."""
    return f"{user.last_name} {user.first_name}".strip()
