from .inputs import ConsultationComment, ModerationStatus, PageFeedback, SiteRating
from .pages import (
    AnswerPage,
    ConsultationIndexPage,
    ConsultationPage,
    LegalBasis,
    PetitionIndexPage,
    QuestionIndexPage,
)
from .requests import (
    CitizenRequest,
    Petition,
    Question,
    RequestAttachment,
    RequestEvent,
    UsedFormToken,
    fingerprint,
    initials,
    private_storage,
)
from .settings import MINIMUM_RETENTION_DAYS, InteractionSettings

__all__ = [
    "MINIMUM_RETENTION_DAYS",
    "AnswerPage",
    "CitizenRequest",
    "ConsultationComment",
    "ConsultationIndexPage",
    "ConsultationPage",
    "InteractionSettings",
    "LegalBasis",
    "ModerationStatus",
    "PageFeedback",
    "Petition",
    "PetitionIndexPage",
    "Question",
    "QuestionIndexPage",
    "RequestAttachment",
    "RequestEvent",
    "SiteRating",
    "UsedFormToken",
    "fingerprint",
    "initials",
    "private_storage",
]
