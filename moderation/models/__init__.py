"""Editorial moderation's models, one module per concern; imported from here (``moderation.models``)."""

from .corrections import CorrectionRequest
from .gate import PublicationClearance
from .settings import (
    CalendarDay,
    ModerationSettings,
    RejectionReason,
    SLACategory,
    default_profile,
    profile_choices,
)
from .submissions import Submission, SubmissionAttachment, SubmissionQuerySet
from .task import EditorialTask, EditorialTaskState, editorial_decision, last_editor_id

__all__ = [
    "CalendarDay",
    "CorrectionRequest",
    "EditorialTask",
    "EditorialTaskState",
    "ModerationSettings",
    "PublicationClearance",
    "RejectionReason",
    "SLACategory",
    "Submission",
    "SubmissionAttachment",
    "SubmissionQuerySet",
    "default_profile",
    "editorial_decision",
    "last_editor_id",
    "profile_choices",
]
