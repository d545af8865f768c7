"""Who may administer whom (R104): agency admins their own agency's people, the province everyone.

A user belongs to an agency through the groups provisioning made for it (sites.AgencyGroup).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, QuerySet

from sites.models import Agency, AgencyGroup
from sites.visibility import is_provincial, visible_agencies

ADMIN_ROLE = (AgencyGroup.Role.ADMINS,)


def is_provincial_admin(user) -> bool:
    """Superusers and the portal's own administrators manage every agency."""
    return is_provincial(user, roles=ADMIN_ROLE)


def managed_agencies(user) -> QuerySet[Agency]:
    return visible_agencies(user, roles=ADMIN_ROLE, overseers=ADMIN_ROLE)


def manageable_groups(user) -> QuerySet[Group]:
    """The groups an administrator may put people in: their agencies' role groups, nothing else."""
    return (
        Group.objects.filter(agency_role__agency__in=managed_agencies(user))
        .select_related("agency_role__agency")
        .order_by("agency_role__agency__name", "agency_role__role")
    )


def visible_users(user) -> QuerySet:
    """Users an administrator can see: for an agency admin, members of their agencies' groups."""
    users = get_user_model().objects.all()
    if is_provincial_admin(user):
        return users if user.is_superuser else users.filter(is_superuser=False)
    member = Group.objects.filter(user=OuterRef("pk"), agency_role__agency__in=managed_agencies(user))
    return users.filter(Exists(member), is_superuser=False)


def can_manage(actor, target) -> bool:
    """May `actor` edit, lock or reset `target`? Never themselves here, never a wider account."""
    if actor.pk == target.pk or not actor.is_authenticated:
        return False
    if target.is_superuser and not actor.is_superuser:
        return False
    if is_provincial_admin(actor):
        return True
    if target.is_staff or not visible_users(actor).filter(pk=target.pk).exists():
        return False
    # Someone who also works for another agency is that agency's business too: only the province
    # may lock or edit them.
    foreign = target.groups.exclude(pk__in=manageable_groups(actor).values("pk"))
    return not foreign.exists()


def agencies_of(user) -> QuerySet[Agency]:
    return Agency.objects.filter(groups__group__user=user).distinct()


def agency_admins_of(user) -> QuerySet:
    """Who must hear about this user's account: the admins of every agency they belong to."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__agency_role__role=AgencyGroup.Role.ADMINS,
            groups__agency_role__agency__in=agencies_of(user),
        )
        .exclude(pk=user.pk)
        .distinct()
    )
