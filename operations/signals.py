"""A new site starts as a draft that only staff see, until its launch is approved (R12); notices (R113)
and go-live records (EMC code, R119) purge the cached pages that show them."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Site


def new_site_starts_as_draft(sender, instance: Site, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    from .models import SiteLaunch, forget_public_state

    if created:
        SiteLaunch.objects.get_or_create(site=instance)
    else:
        forget_public_state()  # the state names gated sites by host name, which may have changed


def sites_of_a_notice_changed(
    sender, instance, action: str, pk_set=None, reverse: bool = False, **kwargs
) -> None:
    from .models import forget_public_state

    forget_public_state()
    # The sites the notice leaves or reaches show or lose its banner (the rest were purged on save).
    if action in ("pre_clear", "post_add", "post_remove"):
        from caching.purge import purge_sites

        if reverse:  # site.maintenancewindow_set.add(…): the one site changes
            sites = Site.objects.filter(pk=instance.pk)
        elif action == "pre_clear":
            sites = instance.sites.all()
        else:
            sites = Site.objects.filter(pk__in=pk_set or ())
        purge_sites(sites.select_related("root_page"))


def notice_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """A notice shows on every page of its sites (every site when it names none): purge them."""
    if raw:
        return
    from django.db import transaction

    from caching.purge import purge_all_sites, purge_sites

    from .models import forget_public_state

    forget_public_state()  # a deleted notice too (save() forgets on its own, delete() does not)
    transaction.on_commit(forget_public_state)
    sites = list(instance.sites.select_related("root_page")) if instance.pk else []
    if sites:
        purge_sites(sites)
    else:
        purge_all_sites()


def launch_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """The go-live record carries the site's EMC code, on each of its pages (R119)."""
    from sites.provisioning import building_new_site

    if raw or building_new_site():  # a new site is purged whole once it is built
        return
    from caching.purge import purge_sites

    purge_sites(Site.objects.filter(pk=instance.site_id).select_related("root_page"))


def connect() -> None:
    from .models import MaintenanceWindow, SiteLaunch

    post_save.connect(new_site_starts_as_draft, sender=Site, dispatch_uid="operations-new-site-draft")
    post_save.connect(notice_changed, sender=MaintenanceWindow, dispatch_uid="operations-notice-saved")
    post_delete.connect(notice_changed, sender=MaintenanceWindow, dispatch_uid="operations-notice-deleted")
    post_save.connect(launch_changed, sender=SiteLaunch, dispatch_uid="operations-launch-saved")
    m2m_changed.connect(
        sites_of_a_notice_changed,
        sender=MaintenanceWindow.sites.through,
        dispatch_uid="operations-notice-sites",
    )
