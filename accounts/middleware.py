"""Request gates: admin network allow-list, idle and revoked sessions, mandatory second factor."""

from __future__ import annotations

import ipaddress
import time
from fnmatch import fnmatch
from urllib.parse import urlencode

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django_otp import user_has_device

from . import audit
from .models import AccountState
from .network import client_ip

SESSION_EPOCH_KEY = "accounts_session_epoch"
LAST_SEEN_KEY = "accounts_last_seen"


def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_admin_path(path: str) -> bool:
    return path.startswith(admin_prefix())


class AdminNetworkMiddleware:
    """R112: the admin answers only to the configured networks (ADMIN_ALLOWED_NETWORKS)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = [ipaddress.ip_network(n, strict=False) for n in settings.ADMIN_ALLOWED_NETWORKS]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.networks and is_admin_path(request.path_info):
            try:
                address = ipaddress.ip_address(client_ip(request))
            except ValueError:
                address = None
            if address is None or not any(address in network for network in self.networks):
                return HttpResponseForbidden(_("The administration is not reachable from this network."))
        return self.get_response(request)


class IdleSessionMiddleware:
    """End a session that was idle too long, or that a lock, revocation or 2FA reset ended."""

    # Writing the session on every request costs a query; a minute's precision is plenty.
    TOUCH_EVERY_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            epoch = AccountState.objects.filter(user=user).values_list("session_epoch", flat=True).first()
            idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
            ended = request.session.get(SESSION_EPOCH_KEY, 0) != (epoch or 0)
            if idle or ended:
                audit.audit(
                    audit.SESSION_ENDED, user, request, actor=user, cause="idle" if idle else "revoked"
                )
                logout(request)
                if is_admin_path(request.path_info):
                    login = reverse("wagtailadmin_login")
                    return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            elif now - last_seen >= self.TOUCH_EVERY_SECONDS or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """No admin URL answers a session that has not passed its second factor (R101).

    Outside the admin such a session counts as anonymous, so documents or pages restricted to
    logged-in users stay closed too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        path = request.path_info
        if not is_admin_path(path):
            request.user = SimpleLazyObject(AnonymousUser)
            return self.get_response(request)
        if any(path.startswith(open_path) for open_path in self.open_paths()):
            return self.get_response(request)
        target = "accounts_otp_verify" if user_has_device(user) else "accounts_otp_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def open_paths() -> list[str]:
        return [
            reverse("accounts_otp_setup"),
            reverse("accounts_otp_verify"),
            reverse("accounts_report_compromise"),
            reverse("accounts_setup_link", args=["x"]).removesuffix("x/"),
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            # Static assets the 2FA pages load: translated JavaScript strings and the icon sprite.
            reverse("wagtailadmin_javascript_catalog"),
            reverse("wagtailadmin_sprite"),
        ]


def needs_inline_script(request: HttpRequest) -> bool:
    """Is this one of the admin views whose Wagtail templates still run inline scripts?

    CONG_ADMIN_INLINE_SCRIPT_VIEWS lists them by view name (shell patterns); the admin URL crawl in
    tests/security/test_admin_urls.py fails when a view renders an inline script and is not listed."""
    if not is_admin_path(request.path_info):
        return False
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return any(fnmatch(match.view_name, pattern) for pattern in settings.CONG_ADMIN_INLINE_SCRIPT_VIEWS)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp; the public sites and most of the admin run no inline script. Only the admin views
    listed in CONG_ADMIN_INLINE_SCRIPT_VIEWS (Wagtail's date widgets, inline panels and the
    translation editor still print small inline scripts) get CONG_ADMIN_CSP_UPDATE."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.update is None and needs_inline_script(request):
            parts.update = settings.CONG_ADMIN_CSP_UPDATE
        return parts
