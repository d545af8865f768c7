from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interaction"
    verbose_name = _("Public interaction")

    def ready(self) -> None:
        from sites.provisioning import register_role_permissions

        from . import receivers  # noqa: F401
        from .models.pages import connect_public_views
        from .provisioning import ROLE_PERMISSIONS
        from .views import public

        register_role_permissions("interaction", ROLE_PERMISSIONS)
        connect_public_views(
            request_archive=public.request_archive,
            request_form=public.request_form,
            request_tracking=public.request_tracking,
            consultation_listing=public.consultation_listing,
            consultation_page=public.consultation_page,
        )
