"""Who reaches which interaction records in the admin, and how personal data is masked and its reading
logged (R110). Rows: the user's own agencies (handling or receiving); the provincial board sees all."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.log_actions import log
from wagtail.models import Site

from sites import visibility
from sites.models import Agency
from sites.visibility import CONTENT_ROLES, is_provincial

from .models import CitizenRequest


def user_agencies(user) -> QuerySet[Agency]:
    """The agencies whose items the user works on (every agency for the provincial board)."""
    return visibility.visible_agencies(user, roles=CONTENT_ROLES)


def can_use(user) -> bool:
    return user.is_authenticated and (is_provincial(user) or user_agencies(user).exists())


def visible_requests(user) -> QuerySet[CitizenRequest]:
    return CitizenRequest.objects.for_user(user)


def sites_for(user) -> QuerySet[Site]:
    return visibility.visible_sites(user, roles=CONTENT_ROLES)


def may_see_personal_data(user) -> bool:
    return user.is_superuser or user.has_perm("interaction.view_personal_data")


def mask(value: str | None) -> str:
    """“Nguyễn Văn An” → “N***** V** A*”; “079123456789” → “*********789”."""
    if not value:
        return ""
    if any(ch.isdigit() for ch in value) and not any(ch.isalpha() and not ch.isascii() for ch in value):
        return "*" * max(len(value) - 3, 3) + value[-3:]
    return " ".join(word[:1] + "*" * (len(word) - 1) for word in value.split())


def personal_data(item: CitizenRequest, user, reveal: bool) -> list[tuple[str, str]]:
    """The asker's fields as (label, value); full only when asked for by someone with the right, and that
    reading is written to the audit log."""
    show = reveal and may_see_personal_data(user)
    if show:
        log(
            instance=item,
            action="interaction.personal_data_viewed",
            user=user,
            data={"code": item.tracking_code},
        )
    rows = []
    for name in CitizenRequest.PERSONAL_FIELDS:
        value = getattr(item, name)
        if not value:
            continue
        label = str(CitizenRequest._meta.get_field(name).verbose_name)
        rows.append((label, value if show else mask(value)))
    return rows


def feedback_sites_q(user) -> Q:
    if is_provincial(user):
        return Q()
    return Q(site__agency__in=user_agencies(user))
