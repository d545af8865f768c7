"""Who sees which sites' moderation data: their own agencies' sites; the provincial board sees them all.

The answer itself lives in :mod:`sites.visibility`; this module names the moderation flavour of it.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Site

from sites import visibility
from sites.visibility import CONTENT_ROLES, PROVINCIAL_ROLES, is_provincial

__all__ = ["PROVINCIAL_ROLES", "can_use_moderation_views", "is_provincial", "own_sites", "visible_sites"]


def visible_sites(user) -> QuerySet[Site]:
    return visibility.visible_sites(user, roles=CONTENT_ROLES)


def own_sites(user) -> QuerySet[Site]:
    """The sites of the user's own agencies, where they may change moderation records."""
    if getattr(user, "is_superuser", False) and user.is_authenticated:
        return Site.objects.all()
    return Site.objects.filter(agency__in=visibility.member_agencies(user, CONTENT_ROLES))


def can_use_moderation_views(user) -> bool:
    return user.is_authenticated and (is_provincial(user) or visible_sites(user).exists())
