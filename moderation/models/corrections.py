"""Corrections, withdrawals and take-downs of live pages (R45)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision, Site


class CorrectionRequest(models.Model):
    """A request to correct, withdraw or take down a live page, and the board's decision on it (R45).

    A correction shows a dated note on the page; a withdrawal keeps the page public under a banner with
    the date and reason, until a later approved reinstatement lifts it; a take-down unpublishes it (the public address answers 410 with a notice) and
    keeps it in the admin with every revision (R126). moderation.corrections carries them out.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction (a dated note on the page)")
        WITHDRAWAL = "withdrawal", _("Withdrawal (the page stays, under a banner)")
        TAKEDOWN = "takedown", _("Take-down (the page is unpublished)")
        REINSTATEMENT = "reinstatement", _("Lifting a withdrawal (the banner is removed)")

    class Party(models.TextChoices):
        AUTHORITY = "authority", _("A competent authority")
        BOARD = "board", _("The editorial board")
        PROVIDER = "provider", _("The information provider")
        PUBLIC = "public", _("The public")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the board")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="correction_requests"
    )
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("live revision when requested"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    requested_by_party = models.CharField(_("requested by"), max_length=20, choices=Party.choices)
    reference = models.CharField(
        _("request reference"), max_length=255, blank=True, help_text=_("Document number, date, sender …")
    )
    reason = models.TextField(_("reason"))
    public_note = models.TextField(_("public note"), blank=True)
    emergency = models.BooleanField(_("emergency take-down"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("filed at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    # The page's public path when it was taken down: its address answers 410 with the notice.
    public_path = models.CharField(max_length=1000, blank=True, editable=False)

    class Meta:
        verbose_name = _("correction or take-down request")
        verbose_name_plural = _("corrections and take-downs")
        ordering = ["-requested_at"]
        indexes = [
            models.Index(fields=["status", "site"]),
            models.Index(fields=["page", "status"]),
            models.Index(fields=["public_path"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.page.get_admin_display_title()}"
