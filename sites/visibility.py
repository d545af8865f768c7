"""Which agencies and sites a signed-in user may see or act on: the one answer every app asks.

A user belongs to an agency through the role groups provisioning made for it (`AgencyGroup`).
Superusers and the portal's overseeing roles see every agency; everyone else their own agencies,
optionally narrowed to some roles. Apps with extra membership (translators of a foreign locale)
add theirs to this queryset rather than writing another.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from wagtail.models import Site

from sites.models import Agency, AgencyGroup

# Portal roles that oversee every component site (TN26 Art 9.4, CM26 Art 25.1.đ).
PROVINCIAL_ROLES: tuple[str, ...] = (AgencyGroup.Role.BOARD, AgencyGroup.Role.ADMINS)
# Roles that work on a site's content and its moderation records.
CONTENT_ROLES: tuple[str, ...] = (AgencyGroup.Role.EDITORS, AgencyGroup.Role.BOARD, AgencyGroup.Role.ADMINS)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_provincial(user, roles: Iterable[str] = PROVINCIAL_ROLES) -> bool:
    """A superuser, or a member of the portal's agency in one of ``roles``."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    return AgencyGroup.objects.filter(
        agency__kind=Agency.Kind.PROVINCE, role__in=list(roles), group__user=user
    ).exists()


def member_agencies(user, roles: Iterable[str] | None = None) -> QuerySet[Agency]:
    """The agencies whose role groups (any of ``roles``, or any role) the user is in; all for a superuser."""
    if not _signed_in(user):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    lookups = {"groups__group__user": user}
    if roles is not None:
        lookups["groups__role__in"] = list(roles)
    return Agency.objects.filter(**lookups).distinct()


def visible_agencies(
    user, roles: Iterable[str] | None = None, overseers: Iterable[str] = PROVINCIAL_ROLES
) -> QuerySet[Agency]:
    """Every agency for the province's overseers (``overseers`` roles), else the user's own."""
    if is_provincial(user, overseers):
        return Agency.objects.all()
    return member_agencies(user, roles)


def visible_sites(
    user, roles: Iterable[str] | None = None, overseers: Iterable[str] = PROVINCIAL_ROLES
) -> QuerySet[Site]:
    """The Wagtail sites of :func:`visible_agencies` (every site for an overseer)."""
    if is_provincial(user, overseers):
        return Site.objects.all()
    return Site.objects.filter(agency__in=member_agencies(user, roles))
