"""Delegated user administration (R102-R104): each agency's admins manage their own people.

These views replace Wagtail's user admin for agency admins, who never get its add/change-user
permissions (with those anyone can create a superuser). Every object lookup goes through
`visible_users`/`can_manage`, so another agency's user is a 404, not a 403 that confirms it exists.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.log_actions import LogContext
from wagtail.models import ModelLogEntry

from .. import audit, lifecycle
from ..delegation import can_manage, is_provincial_admin, manageable_groups, managed_agencies, visible_users
from ..forms import AgencyUserForm, ConfirmForm, LockForm, TransferForm, UnlockForm
from ..models import AccountState, RoleGrant

User = get_user_model()


def require_delegate(request: HttpRequest) -> None:
    if not managed_agencies(request.user).exists():
        raise PermissionDenied


def _managed_user(request: HttpRequest, user_id: int):
    require_delegate(request)
    target = get_object_or_404(visible_users(request.user), pk=user_id)
    if not can_manage(request.user, target):
        raise PermissionDenied
    return target


def index(request: HttpRequest) -> HttpResponse:
    require_delegate(request)
    users = visible_users(request.user).select_related("account_state").prefetch_related("groups")
    query = request.GET.get("q", "").strip()
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        )
    agency_id = request.GET.get("agency", "")
    agencies = managed_agencies(request.user).with_site().order_by("name")
    if agency_id.isdigit() and len(agency_id) < 19:  # ignore ids no database column can hold
        users = users.filter(groups__agency_role__agency_id=int(agency_id)).distinct()
    paginator = WagtailPaginator(users.order_by("last_name", "first_name", "username"), 50)
    page = paginator.get_page(request.GET.get("p"))
    return render(
        request,
        "accounts/users/index.html",
        {
            "page_obj": page,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "query": query,
            "agencies": agencies if is_provincial_admin(request.user) or agencies.count() > 1 else None,
            "agency_id": agency_id,
        },
    )


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    require_delegate(request)
    groups = manageable_groups(request.user)
    # "Assign an administrator" after provisioning arrives with that agency's group ticked.
    preset = request.GET.get("group", "")
    initial = {"groups": groups.filter(pk=int(preset))} if preset.isdigit() and len(preset) < 10 else {}
    form = AgencyUserForm(request.POST or None, groups=groups, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic(), LogContext(user=request.user):
            user = User.objects.create_user(
                username=data["username"],
                password=data["password1"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
            audit.audit(audit.USER_CREATED, user, request)
            lifecycle.grant(
                user, data["groups"], request.user, data["approved_by"], data["decision_reference"]
            )
        messages.success(request, _("User “%(username)s” created.") % {"username": user.username})
        return redirect("accounts_users:index")
    return render(request, "accounts/users/form.html", {"form": form, "target": None})


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, user_id: int) -> HttpResponse:
    target = _managed_user(request, user_id)
    groups = manageable_groups(request.user)
    # Only the province changes an address: an agency admin who could would receive the
    # colleague's next reset (issue 11, hole 2).
    form = AgencyUserForm(
        request.POST or None,
        groups=groups,
        instance=target,
        may_change_email=is_provincial_admin(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic(), LogContext(user=request.user):
            changed = [f for f in ("first_name", "last_name", "email") if getattr(target, f) != data[f]]
            for field in changed:
                setattr(target, field, data[field])
            target.save()
            chosen = set(data["groups"])
            # Only groups this admin manages are touched; any other membership stays as it is.
            removed = [g for g in target.groups.filter(pk__in=groups.values("pk")) if g not in chosen]
            if removed:
                target.groups.remove(*removed)
                RoleGrant.objects.filter(user=target, group__in=removed, revoked_at__isnull=True).update(
                    revoked_at=timezone.now()
                )
            lifecycle.grant(target, chosen, request.user, data["approved_by"], data["decision_reference"])
            if changed:
                audit.audit(audit.USER_CHANGED, target, request, fields=changed)
        messages.success(request, _("User “%(username)s” saved.") % {"username": target.username})
        return redirect("accounts_users:index")
    return render(
        request,
        "accounts/users/form.html",
        {
            "form": form,
            "target": target,
            "state": AccountState.objects.filter(user=target).first(),
            "grants": RoleGrant.objects.filter(user=target).select_related("group", "granted_by")[:50],
            # Agency admins hold no user permission, so Wagtail's history report hides these from them.
            "history": ModelLogEntry.objects.for_instance(target).select_related("user")[:50],
        },
    )


def _action(request, user_id, form_class, template, act, done_message):
    target = _managed_user(request, user_id)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with LogContext(user=request.user):
                act(target, form.cleaned_data)
        except lifecycle.ActionRefused as refusal:
            form.add_error(None, str(refusal))
            return render(request, template, {"form": form, "target": target}, status=409)
        messages.success(request, done_message % {"username": target.username})
        return redirect("accounts_users:index")
    return render(request, template, {"form": form, "target": target})


@require_http_methods(["GET", "POST"])
def lock(request: HttpRequest, user_id: int) -> HttpResponse:
    return _action(
        request,
        user_id,
        LockForm,
        "accounts/users/lock.html",
        lambda user, data: lifecycle.lock_user(user, request.user, data["reason"], data["note"], request),
        _("“%(username)s” is locked; their sessions have ended."),
    )


@require_http_methods(["GET", "POST"])
def unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    return _action(
        request,
        user_id,
        UnlockForm,
        "accounts/users/unlock.html",
        lambda user, data: lifecycle.unlock_user(user, request.user, data["note"], request),
        _("“%(username)s” is unlocked."),
    )


@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, user_id: int) -> HttpResponse:
    return _action(
        request,
        user_id,
        LockForm,
        "accounts/users/revoke.html",
        lambda user, data: lifecycle.revoke_user(user, request.user, data["reason"], data["note"], request),
        _("“%(username)s” is revoked: no roles, no sign-in. The record is kept."),
    )


@require_http_methods(["GET", "POST"])
def reset_two_factor(request: HttpRequest, user_id: int) -> HttpResponse:
    return _action(
        request,
        user_id,
        ConfirmForm,
        "accounts/users/reset_2fa.html",
        lambda user, data: lifecycle.reset_two_factor(user, request.user, request),
        _("The second factor of “%(username)s” is reset; they set it up again at their next sign-in."),
    )


@require_http_methods(["GET", "POST"])
def setup_link(request: HttpRequest, user_id: int) -> HttpResponse:
    return _action(
        request,
        user_id,
        ConfirmForm,
        "accounts/users/setup_link.html",
        lambda user, data: lifecycle.issue_setup_link(user, request.user, request),
        _("A one-time link to set a new password was sent to the address of “%(username)s”."),
    )


@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest, user_id: int) -> HttpResponse:
    """Moving someone between agencies is the province's call: it spans two agencies."""
    if not is_provincial_admin(request.user):
        raise PermissionDenied
    target = _managed_user(request, user_id)
    form = TransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with LogContext(user=request.user):
            lifecycle.transfer_user(
                target,
                data["agency"],
                data["role"],
                request.user,
                data["approved_by"],
                data["decision_reference"],
                request,
            )
        messages.success(
            request,
            _("“%(username)s” moved to %(agency)s; every earlier role was removed.")
            % {"username": target.username, "agency": data["agency"].name},
        )
        return redirect("accounts_users:index")
    return render(request, "accounts/users/transfer.html", {"form": form, "target": target})
