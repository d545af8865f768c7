"""Records of the portal's operation: backups, restore drills (R107, R108)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting

from config.cache import hold_in_process
from sites.cache import CachedSiteSettingMixin


class Outcome(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCESS = "success", _("Succeeded")
    FAILURE = "failure", _("Failed")


class BackupRecord(models.Model):
    """One run of `manage.py backup` (scheduled or by hand): the backup job history of R107."""

    name = models.CharField(_("backup"), max_length=100)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    database_vendor = models.CharField(_("database"), max_length=20, blank=True)
    tables = models.PositiveIntegerField(_("tables"), default=0)
    rows = models.PositiveBigIntegerField(_("rows"), default=0)
    media_files = models.PositiveIntegerField(_("media files"), default=0)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    encrypted = models.BooleanField(_("encrypted"), default=False)
    location = models.CharField(_("stored in"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("backup")
        verbose_name_plural = _("backups")

    def __str__(self) -> str:
        return self.name


class RestoreDrill(models.Model):
    """A restore of a backup into a scratch database and folder, compared with its manifest (R108)."""

    backup_name = models.CharField(_("backup used"), max_length=100)
    started_at = models.DateTimeField(_("date"))
    duration_seconds = models.FloatField(_("duration (s)"), default=0)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    operator = models.CharField(_("operator"), max_length=150, blank=True)
    tables_compared = models.PositiveIntegerField(_("tables compared"), default=0)
    files_compared = models.PositiveIntegerField(_("media files compared"), default=0)
    details = models.TextField(_("details"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("restore drill")
        verbose_name_plural = _("restore drills")

    def __str__(self) -> str:
        return f"{self.backup_name} ({self.get_outcome_display()})"


# --- Province-wide operation settings ---------------------------------------------------------------


@register_setting(icon="cogs")
class OperationsSettings(BaseGenericSetting):
    """Rules the province sets for running its sites."""

    maintenance_notice_working_days = models.PositiveSmallIntegerField(
        _("maintenance notice (working days)"),
        default=7,
        help_text=_(
            "How many working days before a planned maintenance its notice must be published: 7 under "
            "ND224 Art 13.1.a (Cà Mau), 5 under TN26 Art 19.3 (Thái Nguyên)."
        ),
    )
    emc_required = models.BooleanField(
        _("EMC monitoring code required to go live"),
        default=True,
        help_text=_("TN26 Art 6.2, CM26 Art 28.3: every site is connected to EMC before its launch."),
    )

    class Meta:
        verbose_name = _("operations")


# --- Go-live gate and EMC code (R12, R119) -----------------------------------------------------------

EMC_CODE = RegexValidator(
    r"^[A-Za-z0-9._:-]{1,100}$", _("Letters, digits and . _ : - only, as the EMC operator issues them.")
)


def default_launch_status() -> str:
    # Sites that existed before the gate are marked live by migration; new sites start as drafts.
    return getattr(settings, "CONG_NEW_SITE_STATUS", SiteLaunch.Status.DRAFT)


@register_setting(icon="pick")
class SiteLaunch(CachedSiteSettingMixin, BaseSiteSetting):
    """A site's launch: its approval for going live and its EMC monitoring code."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (staff only)")
        APPROVED = "approved", _("Approved, not yet live (staff only)")
        LIVE = "live", _("Live (public)")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=default_launch_status
    )
    approval_reference = models.CharField(
        _("go-live approval decision"), max_length=100, blank=True, help_text=_("e.g. 1234/QĐ-UBND")
    )
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    emc_code = models.CharField(
        _("EMC monitoring code"),
        max_length=100,
        blank=True,
        validators=[EMC_CODE],
        help_text=_("The site's code in the national monitoring system (EMC), shown on every public page."),
    )

    panels = [
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("approval_reference"), FieldPanel("approval_date")]),
        FieldPanel("emc_code"),
    ]

    class Meta:
        verbose_name = _("monitoring and go-live")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._status_as_loaded = self.status

    def save(self, *args, **kwargs) -> None:
        # Every way of switching a site live (admin form, shell, import) keeps the rule, not only the form.
        if self.status == self.Status.LIVE and self._status_as_loaded != self.Status.LIVE:
            self.full_clean(exclude=["site"])
        super().save(*args, **kwargs)
        self._status_as_loaded = self.status
        forget_public_state()  # now, and again once committed (a request may cache the old rows meanwhile)
        transaction.on_commit(forget_public_state)

    def missing_for_live(self) -> list[str]:
        missing = []
        if not self.approval_reference.strip():
            missing.append(str(_("the go-live approval decision")))
        if self.approval_date is None:
            missing.append(str(_("the approval date")))
        if not self.emc_code.strip() and OperationsSettings.load().emc_required:
            missing.append(str(_("the EMC monitoring code")))
        return missing

    def clean(self) -> None:
        super().clean()
        if self.status == self.Status.LIVE:
            missing = self.missing_for_live()
            if missing:
                raise ValidationError(
                    {
                        "status": _("The site cannot go live without %(missing)s.")
                        % {"missing": ", ".join(missing)}
                    }
                )

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE


# --- Maintenance notices (R113) ----------------------------------------------------------------------


class MaintenanceWindowQuerySet(models.QuerySet):
    def for_site(self, site_id: int):
        return self.filter(models.Q(sites__isnull=True) | models.Q(sites=site_id)).distinct()

    def announced(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now())


class MaintenanceWindow(models.Model):
    """A planned suspension of one, several or all sites, announced in advance (R113)."""

    title = models.CharField(_("title"), max_length=255)
    reason = models.TextField(_("reason and what is affected"))
    # Shown on the foreign-language pages (R76: the portal's English version carries its notices).
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    reason_en = models.TextField(
        _("reason in English"),
        blank=True,
        help_text=_("Empty: foreign-language pages show the Vietnamese text."),
    )
    sites = models.ManyToManyField(
        "wagtailcore.Site", blank=True, verbose_name=_("sites"), help_text=_("None chosen: every site.")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("expected recovery"))
    close_public = models.BooleanField(
        _("show the maintenance page during the window"),
        default=False,
        help_text=_("The public gets a 503 maintenance page; the administration stays reachable."),
    )
    force_majeure = models.BooleanField(_("force majeure (shorter notice)"), default=False)
    force_majeure_reason = models.TextField(_("force majeure reason"), blank=True)
    created_at = models.DateTimeField(_("published"), default=timezone.now, editable=False)

    objects = MaintenanceWindowQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("reason"),
        MultiFieldPanel([FieldPanel("title_en"), FieldPanel("reason_en")], heading=_("English version")),
        FieldPanel("sites", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("close_public"),
        FieldRowPanel([FieldPanel("force_majeure"), FieldPanel("force_majeure_reason")]),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("maintenance notice")
        verbose_name_plural = _("maintenance notices")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        forget_public_state()  # now, and again once committed (a request may cache the old rows meanwhile)
        transaction.on_commit(forget_public_state)

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The expected recovery must come after the start.")})
        if self.force_majeure and not self.force_majeure_reason.strip():
            raise ValidationError({"force_majeure_reason": _("Give the force majeure reason.")})
        if self.starts_at and not self.force_majeure and self._state.adding:
            required = OperationsSettings.load().maintenance_notice_working_days
            lead = notice_working_days(self.created_at or timezone.now(), self.starts_at)
            if lead < required:
                raise ValidationError(
                    {
                        "starts_at": _(
                            "A maintenance must be announced at least %(required)s working days ahead; this "
                            "start is only %(lead)s working days away. Choose force majeure and give the "
                            "reason to announce it later."
                        )
                        % {"required": required, "lead": max(lead, 0)}
                    }
                )

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at


def notice_working_days(published, starts) -> int:
    from moderation.calendar import WorkingCalendar

    return WorkingCalendar.current().working_days_between(published, starts)


# The cached rows of operations.public_access (read on every public request): forgotten on each change.
PUBLIC_STATE_CACHE_KEY = "cong:operations:public-state:2"  # bumped when its shape changes


# Read on every public request: each process also keeps it for a second (config.cache), and a change
# made in the process drops that copy at once.
hold_in_process(PUBLIC_STATE_CACHE_KEY)


def forget_public_state() -> None:
    from django.core.cache import cache

    cache.delete(PUBLIC_STATE_CACHE_KEY)


# --- Visit statistics (R117) -------------------------------------------------------------------------


class DailyVisits(models.Model):
    """Page views and visits of one page on one day, counted first-party without cookies or addresses.

    A *visit* is a view that did not come from another page of the same site (an entry); nothing
    links two views of the same person, so no identifier is ever stored.
    """

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField(_("date"))
    views = models.PositiveIntegerField(_("page views"), default=0)
    visits = models.PositiveIntegerField(_("visits"), default=0)

    class Meta:
        verbose_name = _("daily visits")
        verbose_name_plural = _("daily visits")
        constraints = [
            models.UniqueConstraint(fields=["site", "page", "date"], name="operations_visits_unique_day")
        ]
        indexes = [models.Index(fields=["site", "date"])]

    def __str__(self) -> str:
        return f"{self.site_id} {self.page_id} {self.date}: {self.views}"


# --- Broken links (R84) ------------------------------------------------------------------------------


class BrokenLink(models.Model):
    """A link on a live page that did not answer on the last check, per site for its editors."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    url = models.CharField(_("link"), max_length=2000)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    first_failed_at = models.DateTimeField(_("broken since"))
    last_checked_at = models.DateTimeField(_("last checked"))
    consecutive_failures = models.PositiveSmallIntegerField(_("failed checks in a row"), default=1)

    class Meta:
        ordering = ["site", "page", "url"]
        verbose_name = _("broken link")
        verbose_name_plural = _("broken links")
        constraints = [models.UniqueConstraint(fields=["page", "url"], name="operations_broken_link_unique")]

    def __str__(self) -> str:
        return self.url

    @property
    def flagged(self) -> bool:
        """R84: failing three runs in a row is flagged to the site's administrators."""
        return self.consecutive_failures >= 3


class LinkCheckRun(models.Model):
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    links = models.PositiveIntegerField(_("links checked"), default=0)
    broken = models.PositiveIntegerField(_("broken"), default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("link check")

    def __str__(self) -> str:
        return f"{self.started_at:%d/%m/%Y %H:%M}"
