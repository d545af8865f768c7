from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "moderation"
    verbose_name = _("Editorial moderation")

    def ready(self) -> None:
        from sites.provisioning import register_role_permissions

        from . import receivers  # noqa: F401
        from .workflow import SUBMISSION_PERMISSIONS

        register_role_permissions("moderation", SUBMISSION_PERMISSIONS)
