"""Who sees which sites' moderation data: their own agencies' sites; the provincial board sees them all."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Site

from sites.models import Agency, AgencyGroup

# Portal roles that oversee every component site (TN26 Art 9.4, CM26 Art 25.1.đ).
PROVINCIAL_ROLES = (AgencyGroup.Role.BOARD, AgencyGroup.Role.ADMINS)


def is_provincial(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return AgencyGroup.objects.filter(
        agency__kind=Agency.Kind.PROVINCE, role__in=PROVINCIAL_ROLES, group__user=user
    ).exists()


def visible_sites(user) -> QuerySet[Site]:
    if is_provincial(user):
        return Site.objects.all()
    return own_sites(user)


def own_sites(user) -> QuerySet[Site]:
    """The sites of the user's own agencies, where they may change moderation records."""
    if not user.is_authenticated:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(
        agency__groups__group__user=user,
        agency__groups__role__in=[AgencyGroup.Role.EDITORS, AgencyGroup.Role.BOARD, AgencyGroup.Role.ADMINS],
    ).distinct()


def can_use_moderation_views(user) -> bool:
    return user.is_authenticated and (is_provincial(user) or visible_sites(user).exists())
