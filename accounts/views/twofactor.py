"""Enrol, verify and manage the second factor (R101); report compromised credentials (R105)."""

from __future__ import annotations

from base64 import b32encode
from datetime import timedelta
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import audit, lifecycle, lockout
from ..forms import ConfirmForm, SetPasswordForm, TokenForm
from ..models import AccountState

admin_login_required = login_required(login_url=reverse_lazy("wagtailadmin_login"))
TOTP_NAME = "authenticator"
BACKUP_NAME = "backup"
OTP_FAILURE_LIMIT = 5


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse("wagtailadmin_home")


def issue_backup_codes(user) -> list[str]:
    """Replace the user's backup codes; each works once. Only the caller ever sees them."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(settings.ACCOUNTS_BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff")


@admin_login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """First login: scan the QR code (or type the secret) and confirm with one code."""
    user = request.user
    if user_has_device(user):
        target = "accounts_security" if user.is_verified() else "accounts_otp_verify"
        return redirect(f"{reverse(target)}?{urlencode({'next': _next_url(request)})}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = issue_backup_codes(user)
                otp_login(request, device)
                audit.audit(audit.OTP_ENROLLED, user, request, actor=user, device="totp")
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": _next_url(request), "first_time": True},
            )
        audit.audit(audit.OTP_FAILED, user, request, actor=user, stage="enrolment")
        form.add_error("token", _("This code is not right. Check the device's clock and try again."))
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "secret": b32encode(device.bin_key).decode(),
            "qr_svg": _qr_svg(device.config_url),
            "next": _next_url(request),
        },
    )


@admin_login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Each session proves the second factor once: an authenticator code or a backup code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not user_has_device(user):
        return redirect(f"{reverse('accounts_otp_setup')}?{urlencode({'next': _next_url(request)})}")
    state = AccountState.for_user(user)
    form = TokenForm(request.POST or None)
    if state.otp_locked or lockout.is_locked_out(request, user):
        return _refuse_blocked(request, user)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        device = next(
            (d for d in devices_for_user(user) if d.verify_is_allowed()[0] and d.verify_token(token)), None
        )
        if device is not None:
            state.otp_failures, state.otp_locked_until = 0, None
            state.save(update_fields=["otp_failures", "otp_locked_until"])
            otp_login(request, device)
            kind = "backup" if isinstance(device, StaticDevice) else "totp"
            audit.audit(audit.OTP_VERIFIED, user, request, actor=user, device=kind)
            if kind == "backup":
                remaining = StaticToken.objects.filter(device=device).count()
                messages.warning(
                    request,
                    _("You used a backup code; %(count)d remain. Generate new ones if you run low.")
                    % {"count": remaining},
                )
            return redirect(_next_url(request))
        state.otp_failures += 1
        audit.audit(
            audit.OTP_FAILED, user, request, actor=user, stage="verification", count=state.otp_failures
        )
        lockout.record_second_factor_failure(request, user)
        if state.otp_failures >= OTP_FAILURE_LIMIT or lockout.is_locked_out(request, user):
            state.otp_locked_until = timezone.now() + settings.AXES_COOLOFF_TIME
            state.save(update_fields=["otp_failures", "otp_locked_until"])
            audit.audit(audit.OTP_BLOCKED, user, request, actor=user)
            return _refuse_blocked(request, user)
        state.save(update_fields=["otp_failures"])
        form.add_error("token", _("This code is not right."))
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


def _refuse_blocked(request: HttpRequest, user) -> HttpResponse:
    logout(request)
    return render(
        request,
        "accounts/lockout.html",
        {"cooloff_minutes": int(settings.AXES_COOLOFF_TIME / timedelta(minutes=1)), "second_factor": True},
        status=429,
    )


@admin_login_required
def security(request: HttpRequest) -> HttpResponse:
    """The user's own page: their devices, backup codes left, and the compromise button."""
    user = request.user
    totp = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    backup = StaticDevice.objects.filter(user=user, name=BACKUP_NAME).first()
    return render(
        request,
        "accounts/security.html",
        {
            "totp": totp,
            "backup_left": backup.token_set.count() if backup else 0,
            "confirm_form": ConfirmForm(),
        },
    )


@admin_login_required
@require_http_methods(["POST"])
def regenerate_backup_codes(request: HttpRequest) -> HttpResponse:
    codes = issue_backup_codes(request.user)
    audit.audit(audit.BACKUP_CODES, request.user, request, actor=request.user, count=len(codes))
    return render(
        request,
        "accounts/backup_codes.html",
        {"codes": codes, "next": reverse("accounts_security"), "first_time": False},
    )


@admin_login_required
@require_http_methods(["GET", "POST"])
def report_compromise(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        lifecycle.report_compromise(user, request)
        logout(request)
        return render(request, "accounts/compromise_done.html", {"username": user.username})
    return render(request, "accounts/compromise.html", {"form": form})


@require_http_methods(["GET", "POST"])
def setup_link(request: HttpRequest, token: str) -> HttpResponse:
    """The administrator-issued one-time link: choose a new password, then sign in and enrol."""
    link = lifecycle.setup_link_for(token)
    if link is None:
        return render(request, "accounts/setup_link.html", {"invalid": True}, status=404)
    form = SetPasswordForm(request.POST or None, user=link.user)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.use_setup_link(link, form.cleaned_data["password1"], request)
        except lifecycle.ActionRefused:
            return render(request, "accounts/setup_link.html", {"invalid": True}, status=404)
        if request.user.is_authenticated:
            logout(request)
        messages.success(
            request, _("Your new password is set. Sign in and set up two-factor authentication.")
        )
        return redirect("wagtailadmin_login")
    return render(request, "accounts/setup_link.html", {"form": form, "username": link.user.username})
