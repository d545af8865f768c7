"""Index updates the search node missed, kept until it takes them (R95)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Backoff for an object the node keeps refusing while it is up: 30 s, 1 min, 2 min … at most 1 h.
FIRST_RETRY_SECONDS = 30
LAST_RETRY_SECONDS = 3600


class PendingIndexUpdate(models.Model):
    """An object whose index update failed; the reconcile job retries it with backoff."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_pending_unique_object")
        ]

    def __str__(self) -> str:
        return f"{self.content_type.app_label}.{self.content_type.model} #{self.object_id}"

    @classmethod
    def record(cls, obj: models.Model, error: BaseException) -> None:
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        cls.objects.update_or_create(
            content_type=content_type,
            object_id=str(obj.pk),
            defaults={"last_error": str(error)[:2000]},
        )

    def postpone(self, error: BaseException) -> None:
        self.attempts += 1
        delay = min(FIRST_RETRY_SECONDS * 2 ** (self.attempts - 1), LAST_RETRY_SECONDS)
        self.next_attempt_at = timezone.now() + timedelta(seconds=delay)
        self.last_error = str(error)[:2000]
        self.save(update_fields=["attempts", "next_attempt_at", "last_error"])

    def load(self) -> models.Model | None:
        model = self.content_type.model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=self.object_id).first()


class IndexWatermark(models.Model):
    """When the reconcile job last found the node up; pages changed since then are re-indexed."""

    reconciled_until = models.DateTimeField()

    class Meta:
        verbose_name = _("search index watermark")

    def __str__(self) -> str:
        return self.reconciled_until.isoformat()
