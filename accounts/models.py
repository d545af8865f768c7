"""What Django's user model lacks for R102-R105: lock state with reason, session epoch, grants."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountState(models.Model):
    """One row per user who was ever locked, revoked, or failed 2FA; created on demand."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        LOCKED = "locked", _("Locked")
        REVOKED = "revoked", _("Revoked")

    class Reason(models.TextChoices):
        TERMINATION = "termination", _("Stopped working")
        TRANSFER = "transfer", _("Transferred")
        SECURITY = "security", _("Security violation")
        COMPROMISED = "compromised", _("Credentials reported compromised")
        OTHER = "other", _("Other")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_state"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    # Raised to end every existing session of the user at once (lock, revoke, 2FA reset).
    session_epoch = models.PositiveIntegerField(default=0)
    # Consecutive wrong 2FA tokens; at the limit the second factor is refused until otp_locked_until.
    otp_failures = models.PositiveSmallIntegerField(default=0)
    otp_locked_until = models.DateTimeField(null=True, blank=True)
    # When the email address last changed: for a while after, no 2FA reset or setup link is issued,
    # so a changed address can never receive the keys to the account (issue 11, hole 2).
    email_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("account state")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"

    @classmethod
    def for_user(cls, user) -> AccountState:
        state, _created = cls.objects.get_or_create(user=user)
        return state

    @property
    def otp_locked(self) -> bool:
        return bool(self.otp_locked_until and self.otp_locked_until > timezone.now())


class RoleGrant(models.Model):
    """Who granted which agency role to whom, on whose approval and decision (R102)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    group = models.ForeignKey(Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.CharField(_("approved by"), max_length=255)
    decision_reference = models.CharField(_("assignment decision"), max_length=255)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("role grant")
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"{self.user} → {self.group}"

    # Read by the permission report's columns and exports (accounts/views/grants.py).
    @property
    def site_hostname(self) -> str:
        agency_role = getattr(self.group, "agency_role", None)
        site = agency_role.agency.site if agency_role is not None else None
        return site.hostname if site is not None else "—"

    @property
    def role_label(self) -> str:
        agency_role = getattr(self.group, "agency_role", None)
        return agency_role.get_role_display() if agency_role is not None else self.group.name


class SetupLink(models.Model):
    """An administrator-issued, one-time link to set a new password; the second factor is then
    enrolled afresh. Replaces the public password reset (issue 11, holes 2 and 3).

    Only a hash of the token is stored: a database reader cannot use a pending link.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="setup_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("account setup link")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%d/%m/%Y %H:%M})"

    @property
    def usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()
