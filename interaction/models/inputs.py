"""Smaller public inputs: comments on drafts (R68), feedback on pages and answers (R67, R71), ratings (R72)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField
from wagtail.models import Site


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Shown publicly")
    VIOLATING = "violating", _("Removed: violates the rules")


class ConsultationComment(models.Model):
    """A comment on a draft, shown only after moderation (R43, R68)."""

    page = models.ForeignKey(
        "interaction.ConsultationPage", on_delete=models.CASCADE, related_name="comments"
    )
    name = EncryptedCharField(_("full name"), max_length=200, null=True, blank=True)
    public_name = models.CharField(_("name shown publicly"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    email = EncryptedCharField(_("email"), max_length=254, null=True, blank=True)
    article = models.CharField(_("article commented on"), max_length=100, blank=True)
    text = models.TextField(_("comment"))
    status = models.CharField(_("status"), max_length=10, choices=ModerationStatus.choices, default="pending")
    reason = models.TextField(_("reason for removal"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    address_fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    consent_at = models.DateTimeField(_("consent given at"))

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.public_name}: {self.text[:60]}"


class PageFeedback(models.Model):
    """“Góp ý / báo lỗi” from any published page, or feedback on an answer, for that site's board (R67, R71)."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment on the information")
        ERROR = "error", _("Error report")
        ANSWER_QUALITY = "answer_quality", _("Feedback on an answer")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_url = models.CharField(_("page address"), max_length=500, blank=True)
    request = models.ForeignKey(
        "interaction.CitizenRequest",
        verbose_name=_("answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    message = models.TextField(_("message"))
    name = EncryptedCharField(_("name"), max_length=200, null=True, blank=True)
    email = EncryptedCharField(_("email"), max_length=254, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(_("resolution note"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    address_fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message[:60]}"


class SiteRating(models.Model):
    """An anonymous rating of a site (ND42 Art 8.1.d): four criteria, 1–5, no personal data (R72)."""

    CRITERIA = ("interface", "content", "quality", "support")
    score = [MinValueValidator(1), MaxValueValidator(5)]

    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    month = models.CharField(_("month"), max_length=7, db_index=True)  # 2026-05
    interface = models.PositiveSmallIntegerField(_("interface"), validators=score)
    content = models.PositiveSmallIntegerField(_("content"), validators=score)
    quality = models.PositiveSmallIntegerField(_("quality"), validators=score)
    support = models.PositiveSmallIntegerField(_("support"), validators=score)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Kept only for the abuse window (InteractionSettings.rating_address_hours), then blanked.
    address_fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("site rating")
        verbose_name_plural = _("site ratings")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.month} {self.site}"
