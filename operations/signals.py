"""A new site starts as a draft that only staff see, until its launch is approved (R12)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_save
from wagtail.models import Site


def new_site_starts_as_draft(sender, instance: Site, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        from .models import SiteLaunch

        SiteLaunch.objects.get_or_create(site=instance)


def sites_of_a_notice_changed(sender, **kwargs) -> None:
    from .models import forget_public_state

    forget_public_state()


def connect() -> None:
    from .models import MaintenanceWindow

    post_save.connect(new_site_starts_as_draft, sender=Site, dispatch_uid="operations-new-site-draft")
    m2m_changed.connect(
        sites_of_a_notice_changed,
        sender=MaintenanceWindow.sites.through,
        dispatch_uid="operations-notice-sites",
    )
