"""The dossier behind a page in moderation (CM26 Art 12.2.b; R38) and its deadline."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, Revision, Site, WorkflowState

from .settings import ModerationSettings, SLACategory


class SubmissionQuerySet(models.QuerySet):
    def open(self) -> SubmissionQuerySet:
        return self.filter(status__in=Submission.OPEN_STATUSES)

    def for_sites(self, sites) -> SubmissionQuerySet:
        return self.filter(site__in=sites)

    def running(self) -> SubmissionQuerySet:
        """Items the board holds now: their deadline is running."""
        return self.filter(status__in=Submission.RUNNING_STATUSES, due_at__isnull=False)

    def overdue(self, now: dt.datetime | None = None) -> SubmissionQuerySet:
        return self.running().filter(due_at__lt=now or timezone.now())

    def due_soon(self, until: dt.datetime, now: dt.datetime | None = None) -> SubmissionQuerySet:
        return self.running().filter(due_at__gte=now or timezone.now(), due_at__lte=until)


class Submission(ClusterableModel):
    """The dossier behind a page in moderation (CM26 Art 12.2.b; R38): who provides it, from where, when.

    Created when a page is first submitted to its site's workflow and kept with the page's workflow
    state and the revision under review; the editor completes it in the admin.
    """

    class Channel(models.TextChoices):
        PAPER = "paper", _("Paper document")
        DOCUMENT_SYSTEM = "document_system", _("Document management system")
        EMAIL = "email", _("Email to the editorial board")
        EDITOR = "editor", _("Written in the portal's editor")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        IN_REVIEW = "in_review", _("In review")
        RETURNED = "returned", _("Returned for more information")
        REJECTED = "rejected", _("Rejected")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.IN_REVIEW, Status.RETURNED, Status.REJECTED)
    # The clock only runs while the board holds the item.
    RUNNING_STATUSES = (Status.IN_REVIEW,)

    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="moderation_submissions"
    )
    workflow_state = models.ForeignKey(
        WorkflowState,
        verbose_name=_("workflow"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.CharField(_("information type"), max_length=20, choices=SLACategory.choices)
    channel = models.CharField(
        _("received through"), max_length=20, choices=Channel.choices, default=Channel.EDITOR
    )
    source_reference = models.CharField(
        _("source reference"), max_length=255, blank=True, help_text=_("Document number, email subject …")
    )
    providing_agency = models.CharField(_("providing agency"), max_length=255, blank=True)
    responsible_name = models.CharField(_("person responsible"), max_length=255)
    responsible_position = models.CharField(_("position"), max_length=255, blank=True)
    responsible_phone = models.CharField(_("phone"), max_length=50, blank=True)
    responsible_email = models.EmailField(_("email"), blank=True)
    received_at = models.DateTimeField(_("received at"), help_text=_("The deadline counts from this moment."))
    note = models.TextField(_("note"), blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_REVIEW)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    resubmitted_at = models.DateTimeField(_("resubmitted at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reasons = models.JSONField(_("rejection reasons"), default=list, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True)
    reminder_sent_for = models.DateTimeField(null=True, blank=True, editable=False)
    escalation_sent_for = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubmissionQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("channel"), FieldPanel("received_at")]),
                FieldPanel("source_reference"),
                FieldPanel("category"),
            ],
            heading=_("Receipt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("providing_agency"),
                FieldRowPanel([FieldPanel("responsible_name"), FieldPanel("responsible_position")]),
                FieldRowPanel([FieldPanel("responsible_phone"), FieldPanel("responsible_email")]),
            ],
            heading=_("Responsible provider"),
        ),
        InlinePanel("attachments", label=_("Attachments")),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["due_at", "-received_at"]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return self.page.get_admin_display_title()

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in self.RUNNING_STATUSES and self.due_at is not None and self.due_at < timezone.now()
        )

    def recompute_due(self) -> None:
        start = self.received_at
        rules = ModerationSettings.load()
        if self.resubmitted_at and rules.restart_clock_on_resubmit:
            start = self.resubmitted_at
        page = self.revision.as_object() if self.revision_id else self.page.specific
        self.due_at = rules.due_at(self.category, start, page)

    def save(self, *args, **kwargs):
        if self.received_at:
            self.recompute_due()
        super().save(*args, **kwargs)


class SubmissionAttachment(Orderable):
    submission = ParentalKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
