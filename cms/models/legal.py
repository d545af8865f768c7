"""Legal documents (văn bản, R22) and administrative procedures (thủ tục hành chính, R30).

Managed lists (document types, issuing authorities, fields) are snippets so each province edits them
in the admin. Listing pages filter on the key fields (R18); the public search lives in `search`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from sites.models import Agency

from ..blocks import BodyBlock

# Attachments the public can download and the search can read (R22; open formats per TT 19/2011).
ATTACHMENT_EXTENSIONS = ("pdf", "docx", "odt")


def normalize_number(number: str) -> str:
    """The comparison key of a number/symbol: NFC, no spaces, upper case (68/2026/qđ-ubnd = 68/2026/QĐ-UBND)."""
    return "".join(unicodedata.normalize("NFC", number).split()).upper()


def validate_attachment(document) -> None:
    extension = (document.file_extension or "").lower()
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s” is a .%(ext)s file; attach PDF, DOCX or ODT files only."),
            params={"name": document.title, "ext": extension or "?"},
            code="attachment_extension",
        )


class ManagedListItem(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class DocumentType(ManagedListItem):
    """Hình thức văn bản: Luật, Nghị định, Quyết định …"""

    abbreviation = models.CharField(
        _("abbreviation in numbers"), max_length=20, blank=True, help_text=_("e.g. QĐ, NĐ, TT")
    )
    is_legal_normative = models.BooleanField(
        _("legal normative document"), default=True, help_text=_("văn bản quy phạm pháp luật")
    )

    class Meta(ManagedListItem.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")


class IssuingAuthority(ManagedListItem):
    """Cơ quan ban hành (thẩm quyền ban hành)."""

    abbreviation = models.CharField(_("abbreviation"), max_length=50, blank=True)

    class Meta(ManagedListItem.Meta):
        verbose_name = _("issuing authority")
        verbose_name_plural = _("issuing authorities")


class LegalField(ManagedListItem):
    """Lĩnh vực: the subject classification shared by documents and procedures."""

    class Meta(ManagedListItem.Meta):
        verbose_name = _("field (lĩnh vực)")
        verbose_name_plural = _("fields (lĩnh vực)")


class AttachmentText(models.Model):
    """Text extracted from an attached file, kept per document so every page using it can index it."""

    document = models.OneToOneField(
        get_document_model_string(), on_delete=models.CASCADE, related_name="extracted_text"
    )
    text = models.TextField(blank=True)
    file_hash = models.CharField(max_length=64, blank=True)
    error = models.CharField(max_length=255, blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attachment text")

    def __str__(self) -> str:
        return f"{self.document_id}: {len(self.text)} characters"


def attachments_text(page: Page) -> str:
    """The extracted text of a page's attached files, part of its search document (R81)."""
    ids = [item.document_id for item in page.attachments.all() if item.document_id]
    if not ids:
        return ""
    return "\n".join(AttachmentText.objects.filter(document_id__in=ids).values_list("text", flat=True))


class LegalDocumentForm(WagtailAdminPageForm):
    """The effective date and a file may wait while a draft is written, but not at publication (R22).

    Imports may leave them empty (the national documents a regulation cites have no local file)."""

    required_on_publish = ("effective_on",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.required_on_publish:
            if name in self.fields:
                self.fields[name].required = True

    def defer_required_fields(self):
        super().defer_required_fields()
        for name in self.required_on_publish:
            if name in self.fields and self.fields[name].required:
                self.fields[name].required = False
                self.deferred_required_fields.append(name)


class LegalDocumentPage(Page):
    """One legal or administrative document with the metadata of ND42 Art 4 / TN26 Art 4.2 (R22)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "legal"
    information_dates = {"signing_date": "issued_on"}
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "documents"
    english_set: tuple[str, ...] = ()

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        PARTLY = "partly_in_force", _("Partly in force")
        EXPIRED = "expired", _("No longer in force")
        NOT_YET = "not_yet_in_force", _("Not yet in force")

    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("document type"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(
        _("number and symbol"), max_length=100, help_text=_("Số ký hiệu, e.g. 68/2026/QĐ-UBND")
    )
    number_key = models.CharField(max_length=100, editable=False, db_index=True)
    issuer = models.ForeignKey(
        IssuingAuthority, verbose_name=_("issuing authority"), on_delete=models.PROTECT, related_name="+"
    )
    signer = models.CharField(_("signer"), max_length=255, blank=True)
    issued_on = models.DateField(_("issue date"))
    issued_year = models.PositiveSmallIntegerField(editable=False, db_index=True, default=0)
    effective_on = models.DateField(_("effective date"), null=True, blank=True)
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    status = models.CharField(_("effective status"), max_length=20, choices=Status.choices, blank=True)
    fields = ParentalManyToManyField(LegalField, verbose_name=_("fields"), blank=True, related_name="+")
    summary = models.TextField(_("summary (trích yếu)"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("full text"), blank=True)
    national_database_url = models.URLField(
        _("national legal database record"), blank=True, help_text=_("Link to vbpl.vn (R121)")
    )
    gazette_reference = models.CharField(_("Gazette reference"), max_length=255, blank=True)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_type"), FieldPanel("number")]),
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("signer")]),
                FieldRowPanel(
                    [FieldPanel("issued_on"), FieldPanel("effective_on"), FieldPanel("expires_on")]
                ),
                FieldPanel("status"),
                FieldPanel("fields"),
            ],
            heading=_("Document details"),
        ),
        FieldPanel("summary"),
        InlinePanel("attachments", heading=_("Files"), label=_("File"), min_num=1),
        FieldPanel("body"),
        InlinePanel("relations", heading=_("Related documents"), label=_("Relation")),
        MultiFieldPanel(
            [FieldPanel("national_database_url"), FieldPanel("gazette_reference")],
            heading=_("National database and Gazette"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("number", boost=10, vi_identifier=True),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("signer"),
        index.SearchField("attachment_text"),
        index.RelatedFields("document_type", [index.SearchField("name")]),
        index.RelatedFields("issuer", [index.SearchField("name"), index.SearchField("abbreviation")]),
        index.FilterField("document_type"),
        index.FilterField("issuer"),
        index.FilterField("fields"),
        index.FilterField("issued_on"),
        index.FilterField("issued_year"),
        index.FilterField("status"),
        index.FilterField("agency"),
        index.FilterField("number_key"),
    ]
    base_form_class = LegalDocumentForm
    parent_page_types = ["cms.LegalDocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legal document")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            errors["effective_on"] = _("The effective date cannot be before the issue date.")
        if self.expires_on and self.effective_on and self.expires_on < self.effective_on:
            errors["expires_on"] = _("The expiry date cannot be before the effective date.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.number = self.number.strip()
        self.number_key = normalize_number(self.number)
        self.issued_year = self.issued_on.year if self.issued_on else 0
        if not self.status:
            self.status = self.computed_status()
        self.agency = Agency.objects.for_page(self)
        return super().save(*args, **kwargs)

    # Read by the page's metadata (Dublin Core) and by its template: loaded once per rendering.
    @cached_property
    def field_list(self) -> list[LegalField]:
        return list(self.fields.all())

    @cached_property
    def relation_list(self) -> list[LegalDocumentRelation]:
        return list(self.relations.all())

    def dc_defaults(self) -> dict:
        """Dublin Core: the issuing authority created it, on its issue date; fields are its subject."""
        return {
            "creator": [self.issuer.name],
            "date": self.issued_on,
            "subject": [field.name for field in self.field_list] or [self.document_type.name],
            "description": self.summary or self.title,
            "relation": [relation.target.full_url for relation in self.relation_list if relation.target.live],
        }

    def computed_status(self, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.expires_on and self.expires_on <= today:
            return self.Status.EXPIRED
        if self.effective_on and self.effective_on > today:
            return self.Status.NOT_YET
        return self.Status.IN_FORCE

    def attachment_documents(self) -> list:
        return [item.document for item in self.attachments.all() if item.document_id]

    def attachment_text(self) -> str:
        return attachments_text(self)

    @cached_property
    def incoming_relations(self):
        return LegalDocumentRelation.objects.filter(target=self).select_related("page")


class PageAttachment(Orderable):
    """A file attached to a page (``page.attachments``), checked by ``validate_attachment`` and indexed
    through ``attachments_text``. Subclasses declare ``page`` (a ParentalKey) and ``document``."""

    panels = [FieldPanel("document")]

    def clean(self) -> None:
        super().clean()
        if self.document_id:
            try:
                validate_attachment(self.document)
            except ValidationError as error:
                raise ValidationError({"document": error.messages}) from error

    class Meta(Orderable.Meta):
        abstract = True


class LegalDocumentAttachment(PageAttachment):
    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(), verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )


class LegalDocumentRelation(Orderable):
    class Kind(models.TextChoices):
        AMENDS = "amends", _("amends")
        REPLACES = "replaces", _("replaces")
        GUIDES = "guides", _("guides the implementation of")

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        LegalDocumentPage, verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    INCOMING_LABELS = {
        Kind.AMENDS: _("amended by"),
        Kind.REPLACES: _("replaced by"),
        Kind.GUIDES: _("guided by"),
    }

    def incoming_label(self) -> str:
        return self.INCOMING_LABELS[self.kind]


class DossierItemBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Document"))
    originals = blocks.IntegerBlock(label=_("Originals"), min_value=0, default=1)
    copies = blocks.IntegerBlock(label=_("Copies"), min_value=0, default=0)
    note = blocks.CharBlock(label=_("Note"), required=False)

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/dossier_item.html"


class StepBlock(blocks.StructBlock):
    description = blocks.RichTextBlock(label=_("Step"))
    responsible = blocks.CharBlock(label=_("Responsible person or unit"), required=False)
    time_limit = blocks.CharBlock(label=_("Time limit"), required=False)

    class Meta:
        icon = "list-ol"
        template = "cms/blocks/procedure_step.html"


class ProcedurePage(Page):
    """An administrative procedure with the components of Decree 63/2010 Art 8.2 (R30)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "legal"
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "procedures"
    english_set: tuple[str, ...] = ()

    class Level(models.TextChoices):
        PROVINCE = "province", _("Provincial level")
        COMMUNE = "commune", _("Commune level")
        CENTRAL = "central", _("Central level")
        MULTI = "multi", _("Several levels")

    class ServiceLevel(models.TextChoices):
        FULL = "full", _("Fully online")
        PARTIAL = "partial", _("Partially online")
        NONE = "none", _("Not online")

    code = models.CharField(_("procedure code"), max_length=50, help_text=_("Mã thủ tục, e.g. 1.001234"))
    field = models.ForeignKey(LegalField, verbose_name=_("field"), on_delete=models.PROTECT, related_name="+")
    administrative_level = models.CharField(
        _("administrative level"), max_length=20, choices=Level.choices, default=Level.PROVINCE
    )
    implementing_agency = models.CharField(_("implementing agency"), max_length=255)
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"))
    submission_methods = RichTextField(_("method of submission"))
    dossier = StreamField([("item", DossierItemBlock())], verbose_name=_("dossier components"))
    dossier_sets = models.PositiveSmallIntegerField(_("number of dossier sets"), default=1)
    processing_time = models.CharField(_("processing time"), max_length=255)
    applicants = models.TextField(_("applicants"))
    result = models.TextField(_("result"), blank=True)
    fees = RichTextField(_("fees and charges"), blank=True)
    requirements = RichTextField(_("requirements and conditions"), blank=True)
    responsibilities = RichTextField(_("responsibilities of the parties"), blank=True)
    legal_basis = ParentalManyToManyField(
        LegalDocumentPage, verbose_name=_("legal basis"), blank=True, related_name="procedures"
    )
    legal_basis_note = RichTextField(_("other legal basis"), blank=True)
    service_level = models.CharField(
        _("online service level"), max_length=20, choices=ServiceLevel.choices, default=ServiceLevel.PARTIAL
    )
    legacy_level = models.PositiveSmallIntegerField(
        _("legacy level (1–4)"), null=True, blank=True, choices=[(n, str(n)) for n in range(1, 5)]
    )
    national_portal_url = models.URLField(
        _("link on the National Public Service Portal"), help_text=_("dichvucong.gov.vn deep link")
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("field")]),
                FieldRowPanel([FieldPanel("administrative_level"), FieldPanel("implementing_agency")]),
                FieldRowPanel([FieldPanel("service_level"), FieldPanel("legacy_level")]),
                FieldPanel("national_portal_url"),
            ],
            heading=_("Procedure"),
        ),
        FieldPanel("steps"),
        FieldPanel("submission_methods"),
        FieldPanel("dossier"),
        FieldPanel("dossier_sets"),
        FieldPanel("processing_time"),
        FieldPanel("applicants"),
        FieldPanel("result"),
        FieldPanel("fees"),
        InlinePanel("attachments", heading=_("Forms and declarations"), label=_("Form")),
        FieldPanel("requirements"),
        FieldPanel("responsibilities"),
        FieldPanel("legal_basis"),
        FieldPanel("legal_basis_note"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("code", boost=10, vi_identifier=True),
        index.SearchField("implementing_agency"),
        index.SearchField("steps"),
        index.SearchField("applicants"),
        index.SearchField("result"),
        index.SearchField("requirements"),
        index.SearchField("attachment_text"),
        index.RelatedFields("field", [index.SearchField("name")]),
        index.FilterField("field"),
        index.FilterField("service_level"),
        index.FilterField("administrative_level"),
        index.FilterField("agency"),
    ]
    parent_page_types = ["cms.ProcedureIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("administrative procedure")

    def save(self, *args, **kwargs):
        self.agency = Agency.objects.for_page(self)
        return super().save(*args, **kwargs)

    def attachment_documents(self) -> list:
        return [item.document for item in self.attachments.all() if item.document_id]

    def attachment_text(self) -> str:
        return attachments_text(self)

    def dc_defaults(self) -> dict:
        return {
            "creator": [self.implementing_agency],
            "subject": [self.field.name],
            "description": self.search_description or self.title,
            "relation": [document.full_url for document in self.legal_basis.all() if document.live],
        }


class ProcedureAttachment(PageAttachment):
    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(), verbose_name=_("form"), on_delete=models.PROTECT, related_name="+"
    )
