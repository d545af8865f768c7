"""Page types and snippets, one module per family of information items."""

from .legal import (
    AttachmentText,
    DocumentType,
    IssuingAuthority,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    ProcedureAttachment,
    ProcedureIndexPage,
    ProcedurePage,
)
from .pages import HomePage, NewsIndexPage, NewsPage, StandardPage

__all__ = [
    "AttachmentText",
    "DocumentType",
    "HomePage",
    "IssuingAuthority",
    "LegalDocumentAttachment",
    "LegalDocumentIndexPage",
    "LegalDocumentPage",
    "LegalDocumentRelation",
    "LegalField",
    "NewsIndexPage",
    "NewsPage",
    "ProcedureAttachment",
    "ProcedureIndexPage",
    "ProcedurePage",
    "StandardPage",
]
