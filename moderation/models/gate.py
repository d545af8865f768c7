"""Why a revision may go live (moderation.gate)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision, WorkflowState


class PublicationClearance(models.Model):
    """Why a revision may go live: its workflow approved it, a superuser forced it with a reason, or trusted
    code (demo data, an import meeting R22) published it and said why. moderation.gate refuses the rest."""

    class Kind(models.TextChoices):
        WORKFLOW = "workflow", _("Approved by the editorial workflow")
        FORCED = "forced", _("Published by a superuser without review")
        SYSTEM = "system", _("Published by the system without review")

    # None for a page trusted code created live, with no revision (a new site's structural pages).
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="publication_clearances"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    workflow_state = models.ForeignKey(
        WorkflowState, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("publication clearance")
        verbose_name_plural = _("publication clearances")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.page_id} · {self.created_at:%d/%m/%Y %H:%M}"
