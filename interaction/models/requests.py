"""Citizens' questions (Hỏi – Đáp, R57–R67) and petitions (phản ánh, kiến nghị, R70): one record and one
workflow engine, with the kind deciding the deadlines.

The asker's personal fields are encrypted at rest (django-fernet-encrypted-fields, key from the
environment) and erased after the retention period; the public only ever sees `public_name` and the texts
of answered, public items, through the answer page the approval publishes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField
from wagtail.models import Site

from ..deadlines import clock_start, days_after, due_after
from .settings import InteractionSettings

# Alphabet for tracking codes: no 0/O or 1/I/L, so a code read over the phone is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@deconstructible(path="interaction.models.requests.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Askers' attachments live outside MEDIA_ROOT: no web server serves them; a view checks every read.

    The folder is read from INTERACTION_PRIVATE_ROOT at each use, so the setting (and a test's override)
    always wins, and migrations name this class rather than a machine's path."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    def deconstruct(self):
        return ("interaction.models.requests.PrivateStorage", [], {})

    @property
    def base_location(self):
        return str(settings.INTERACTION_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


private_storage = PrivateStorage()


def fingerprint(value: str, purpose: str) -> str:
    """A keyed hash for counting repeats (rate limits) without keeping the value itself."""
    key = (settings.SECRET_KEY + purpose).encode()
    return hmac.new(key, value.strip().upper().encode(), hashlib.sha256).hexdigest()


def new_tracking_code(kind: str) -> str:
    prefix = "HD" if kind == CitizenRequest.Kind.QUESTION else "PA"
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    return f"{prefix}-{body[:5]}-{body[5:]}"


def initials(name: str) -> str:
    """“Nguyễn Văn An” → “N.V.A.” (R58: the public page shows the name or its initials)."""
    return "".join(f"{part[0].upper()}." for part in name.split() if part[:1].isalpha())


class CitizenRequestQuerySet(models.QuerySet):
    def public(self) -> CitizenRequestQuerySet:
        """Answered publicly, for anyone to read (the API and archives use only this)."""
        return self.filter(status=CitizenRequest.Status.ANSWERED, visibility=CitizenRequest.Visibility.PUBLIC)

    def open(self) -> CitizenRequestQuerySet:
        return self.filter(status__in=CitizenRequest.OPEN_STATUSES)

    def overdue(self, now: dt.datetime | None = None) -> CitizenRequestQuerySet:
        now = now or timezone.now()
        return self.open().filter(
            models.Q(due_at__lt=now)
            | models.Q(status__in=CitizenRequest.ROUTING_STATUSES, forward_due_at__lt=now)
        )

    def for_user(self, user) -> CitizenRequestQuerySet:
        """Items of the user's own agencies (handling now, or received on their site); everything for the
        provincial board and administrators (sites.visibility)."""
        from sites.visibility import CONTENT_ROLES, is_provincial, member_agencies

        if not (user and user.is_authenticated):
            return self.none()
        if is_provincial(user):
            return self
        agencies = member_agencies(user, CONTENT_ROLES)
        return self.filter(models.Q(agency__in=agencies) | models.Q(site__agency__in=agencies)).distinct()


class CitizenRequest(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        PETITION = "petition", _("Petition or feedback")

    class AskerType(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        ORGANISATION = "organisation", _("Organisation")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        FORWARDED = "forwarded", _("Forwarded")
        IN_PROGRESS = "in_progress", _("Being answered")
        APPROVING = "approving", _("Answer awaiting approval")
        ANSWERED = "answered", _("Answered")
        VIOLATING = "violating", _("Not answered: violates the rules")
        OUT_OF_SCOPE = "out_of_scope", _("Out of scope: asker notified")

    class Category(models.TextChoices):
        COMPETENCE = "competence", _("Within the agency's competence (5 working days)")
        INTER_AGENCY = "inter_agency", _("Needs other agencies (10 working days)")
        SPECIAL = "special", _("Special case with a promised date (at most 15 working days)")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public on the site")
        PRIVATE = "private", _("Private, by email to the asker")

    OPEN_STATUSES = (Status.RECEIVED, Status.FORWARDED, Status.IN_PROGRESS, Status.APPROVING)
    # Waiting for the board of the agency holding it to classify, assign or forward (1 or 2 working days).
    ROUTING_STATUSES = (Status.RECEIVED, Status.FORWARDED)
    PERSONAL_FIELDS = (
        "asker_name",
        "representative_position",
        "id_number",
        "address_street",
        "address_ward",
        "address_district",
        "address_province",
        "email",
        "phone",
    )

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True, editable=False)
    site = models.ForeignKey(
        Site, verbose_name=_("received on"), on_delete=models.PROTECT, related_name="citizen_requests"
    )
    agency = models.ForeignKey(
        "sites.Agency",
        verbose_name=_("handling agency"),
        on_delete=models.PROTECT,
        related_name="citizen_requests",
    )
    requested_agency = models.ForeignKey(
        "sites.Agency",
        verbose_name=_("agency the asker chose"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    field = models.ForeignKey(
        "cms.LegalField",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # --- the asker (HN19 Art 10.1; R58). Encrypted; erased after the retention period. ---
    asker_type = models.CharField(_("asker"), max_length=12, choices=AskerType.choices)
    asker_name = EncryptedCharField(_("full name"), max_length=200, null=True, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    representative_position = EncryptedCharField(
        _("representative's position"), max_length=200, null=True, blank=True
    )
    id_number = EncryptedCharField(_("identity or passport number"), max_length=30, null=True, blank=True)
    address_street = EncryptedCharField(_("house number and street"), max_length=255, null=True, blank=True)
    address_ward = EncryptedCharField(_("commune or ward"), max_length=255, null=True, blank=True)
    address_district = EncryptedCharField(_("district"), max_length=255, null=True, blank=True)
    address_province = EncryptedCharField(_("province or city"), max_length=255, null=True, blank=True)
    email = EncryptedCharField(_("email"), max_length=254, null=True, blank=True)
    phone = EncryptedCharField(_("phone"), max_length=30, null=True, blank=True)
    public_name = models.CharField(_("name shown publicly"), max_length=255, blank=True)
    id_fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    address_fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    consent_at = models.DateTimeField(_("consent to data processing given at"))
    anonymised_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("question"))

    # --- handling ---
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    general_concern = models.BooleanField(
        _("of general concern"), default=False, help_text=_("Must be answered publicly (ND43 Art 17.1.đ).")
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    clock_started_at = models.DateTimeField(_("deadline counted from"))
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived at the handling agency"))
    forward_due_at = models.DateTimeField(_("classify or forward by"), null=True, blank=True)
    promised_at = models.DateTimeField(_("answer date promised to the asker"), null=True, blank=True)
    outcome_reason = models.TextField(_("reason"), blank=True)

    answer = models.TextField(_("answer"), blank=True)
    legal_bases = models.JSONField(_("legal bases"), default=list, blank=True)
    visibility = models.CharField(
        _("answer published"), max_length=10, choices=Visibility.choices, blank=True
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminder_sent_for = models.DateTimeField(null=True, blank=True, editable=False)
    escalation_sent_for = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CitizenRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen's question or petition")
        verbose_name_plural = _("citizens' questions and petitions")
        ordering = ["-received_at"]
        permissions = [("view_personal_data", _("Can see askers' personal data"))]
        indexes = [models.Index(fields=["status", "due_at"]), models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return f"{self.tracking_code} · {self.title}"

    def save(self, *args, **kwargs):
        if not self.tracking_code:
            code = new_tracking_code(self.kind)
            while CitizenRequest.objects.filter(tracking_code=code).exists():
                code = new_tracking_code(self.kind)
            self.tracking_code = code
        if not self.clock_started_at:
            self.start_clocks()
        super().save(*args, **kwargs)

    # --- rules ---

    @staticmethod
    def rules() -> InteractionSettings:
        return InteractionSettings.load()

    def routing_days(self, rules: InteractionSettings) -> int:
        return rules.petition_forward_days if self.kind == self.Kind.PETITION else rules.question_forward_days

    def answer_days(self, rules: InteractionSettings) -> int:
        if self.kind == self.Kind.PETITION:
            return rules.petition_answer_days
        return {
            self.Category.INTER_AGENCY: rules.inter_agency_days,
            self.Category.SPECIAL: rules.special_days,
        }.get(self.category, rules.competence_days)

    def start_clocks(self, now: dt.datetime | None = None) -> None:
        """At receipt: the answer clock (from 08:00, R60) and the routing clock of the receiving agency."""
        rules = self.rules()
        self.received_at = self.received_at or now or timezone.now()
        self.clock_started_at = clock_start(self.received_at, rules.clock_start)
        self.arrived_at = self.received_at
        self.forward_due_at = due_after(self.received_at, self.routing_days(rules), rules.clock_start)
        self.due_at = days_after(self.clock_started_at, self.answer_days(rules))

    def recompute_due(self) -> None:
        """Forwarding does not restart the answer clock (R60 default); the category sets its length."""
        rules = self.rules()
        if self.category == self.Category.SPECIAL and self.promised_at:
            self.due_at = self.promised_at
        else:
            self.due_at = days_after(self.clock_started_at, self.answer_days(rules))

    def latest_special_date(self) -> dt.datetime:
        return days_after(self.clock_started_at, self.rules().special_days)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        now = timezone.now()
        if not self.is_open:
            return False
        if self.status in self.ROUTING_STATUSES and self.forward_due_at and self.forward_due_at < now:
            return True
        return bool(self.due_at and self.due_at < now)

    @property
    def public_status(self) -> str:
        """The four states the public tracking page speaks of (R64), plus the two exits."""
        if self.status in (self.Status.IN_PROGRESS, self.Status.APPROVING):
            return str(self.Status.IN_PROGRESS.label)
        return self.get_status_display()

    def anonymise(self) -> None:
        """Erase who asked (R65, R110); the question and answer texts stay."""
        for name in self.PERSONAL_FIELDS:
            setattr(self, name, None)
        self.id_fingerprint = ""
        self.address_fingerprint = ""
        self.anonymised_at = timezone.now()
        self.save()
        for attachment in self.attachments.all():
            attachment.file.delete(save=False)
            attachment.delete()


class QuestionManager(models.Manager.from_queryset(CitizenRequestQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(kind=CitizenRequest.Kind.QUESTION)


class PetitionManager(models.Manager.from_queryset(CitizenRequestQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(kind=CitizenRequest.Kind.PETITION)


class Question(CitizenRequest):
    """A citizen's question (Hỏi – Đáp). `Question.objects.public()` is what anyone may read."""

    objects = QuestionManager()

    class Meta:
        proxy = True
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def save(self, *args, **kwargs):
        self.kind = CitizenRequest.Kind.QUESTION
        super().save(*args, **kwargs)


class Petition(CitizenRequest):
    """A petition or feedback to the authorities (phản ánh, kiến nghị)."""

    objects = PetitionManager()

    class Meta:
        proxy = True
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")

    def save(self, *args, **kwargs):
        self.kind = CitizenRequest.Kind.PETITION
        super().save(*args, **kwargs)


def attachment_path(instance: RequestAttachment, filename: str) -> str:
    return f"requests/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


class RequestAttachment(models.Model):
    request = models.ForeignKey(CitizenRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=255)
    original_name = models.CharField(max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("attachment")

    def __str__(self) -> str:
        return self.original_name


class RequestEvent(models.Model):
    """The routing and decision history of an item (R59: visible to administrators)."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("Received")
        CLASSIFIED = "classified", _("Classified and assigned")
        FORWARDED = "forwarded", _("Forwarded")
        OUT_OF_SCOPE = "out_of_scope", _("Out of scope, asker notified")
        VIOLATING = "violating", _("Marked as violating")
        DRAFTED = "drafted", _("Answer submitted for approval")
        RETURNED = "returned", _("Answer returned for changes")
        APPROVED = "approved", _("Answer approved and sent")
        REMINDED = "reminded", _("Deadline reminder")
        ESCALATED = "escalated", _("Deadline passed: escalated")
        ANONYMISED = "anonymised", _("Personal data erased")

    request = models.ForeignKey(CitizenRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_agency = models.ForeignKey(
        "sites.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_agency = models.ForeignKey(
        "sites.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()}"


class UsedFormToken(models.Model):
    """Each form token is good for one submission (no replays); rows older than a day are purged."""

    nonce = models.CharField(max_length=40, unique=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.nonce
