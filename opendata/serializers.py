"""What the public API shows of each object. Fields are listed one by one (never ``__all__``): no owner,
no editor, no revision or lock, no workflow, no person's account ever reaches a response. Related pages
(relations, legal basis, related news, translations) are shown only when they are public themselves.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import strip_tags
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers
from wagtail.models import Page

from cms.metadata import ORDER as DC_ELEMENTS
from cms.metadata import dublin_core
from cms.models import (
    AnnouncementPage,
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    LegalField,
    NewsCategory,
    NewsPage,
    ProcedurePage,
)
from cms.queries import SiteDirectory, public_pages
from moderation.corrections import public_notices_of
from sites.models import Agency
from sites.public_urls import absolute_url, base_url, page_url

# --- small shared shapes -----------------------------------------------------------------------------


class DocumentTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentType
        fields = ["id", "name", "abbreviation", "is_legal_normative"]


class IssuingAuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = IssuingAuthority
        fields = ["id", "name", "abbreviation"]


class LegalFieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalField
        fields = ["id", "name"]


class NewsCategorySerializer(serializers.ModelSerializer):
    site = serializers.SerializerMethodField()

    class Meta:
        model = NewsCategory
        fields = ["id", "name", "slug", "description", "site"]

    @extend_schema_field(
        serializers.CharField(allow_null=True, help_text="Host of the owning site; null: shared")
    )
    def get_site(self, category: NewsCategory) -> str | None:
        return category.site.hostname if category.site_id else None


class FileSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    file_extension = serializers.CharField()
    file_size = serializers.IntegerField(allow_null=True)


def file_record(document, request, title: str = "") -> dict[str, Any]:
    return {
        "title": title or document.title,
        "url": absolute_url(request, document.url),
        "file_extension": (document.file_extension or "").lower(),
        "file_size": document.file_size,
    }


class PageLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class TranslationSerializer(serializers.Serializer):
    locale = serializers.CharField()
    id = serializers.IntegerField()
    url = serializers.CharField(allow_null=True)


class SiteSerializer(serializers.Serializer):
    hostname = serializers.CharField()
    url = serializers.CharField()
    agency_id = serializers.IntegerField(allow_null=True)
    agency_name = serializers.CharField()


DublinCoreSerializer = inline_serializer(
    "DublinCore",
    {name: serializers.CharField(allow_blank=True) for name in DC_ELEMENTS},
)


# --- pages -------------------------------------------------------------------------------------------


class NoticeSerializer(serializers.Serializer):
    date = serializers.DateTimeField(help_text="When the editorial board approved it.")
    note = serializers.CharField(help_text="The public note shown on the page.")


class PageNoticesSerializer(serializers.Serializer):
    corrections = NoticeSerializer(many=True, help_text="Dated correction notes, oldest first (R45).")
    withdrawal = NoticeSerializer(
        allow_null=True, help_text="The withdrawal in force: the page is kept for reference only."
    )


def _notice(request) -> dict[str, Any]:
    return {
        "date": serializers.DateTimeField().to_representation(request.decided_at),
        "note": request.public_note,
    }


class PublicPageSerializer(serializers.Serializer):
    """Fields every page endpoint shares: identity, address, site, language versions, Dublin Core."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.SerializerMethodField()
    locale = serializers.SerializerMethodField()
    translations = serializers.SerializerMethodField()
    site = serializers.SerializerMethodField()
    first_published_at = serializers.DateTimeField(allow_null=True)
    last_published_at = serializers.DateTimeField(allow_null=True)
    modified = serializers.DateTimeField(help_text="Last publication: what modified_since compares.")
    dublin_core = serializers.SerializerMethodField()
    notices = serializers.SerializerMethodField()

    @property
    def _request(self):
        return self.context["request"]

    def _directory(self) -> SiteDirectory:
        if "directory" not in self.context:
            self.context["directory"] = SiteDirectory()
        return self.context["directory"]

    def page_url(self, page: Page) -> str | None:
        return page_url(page, self._request)

    def public_links(self, pages) -> list[dict[str, Any]]:
        ids = [page.pk for page in pages]
        visible = public_pages().filter(pk__in=ids).specific()
        return [{"id": page.pk, "title": page.title, "url": self.page_url(page)} for page in visible]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_url(self, page: Page) -> str | None:
        return self.page_url(page)

    @extend_schema_field(serializers.CharField())
    def get_locale(self, page: Page) -> str:
        return page.locale.language_code

    @extend_schema_field(TranslationSerializer(many=True))
    def get_translations(self, page: Page) -> list[dict[str, Any]]:
        others = (
            public_pages()
            .filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .select_related("locale")
            .order_by("locale__language_code")
        )
        return [
            {"locale": other.locale.language_code, "id": other.pk, "url": self.page_url(other)}
            for other in others
        ]

    @extend_schema_field(SiteSerializer(allow_null=True))
    def get_site(self, page: Page) -> dict[str, Any] | None:
        ref = self._directory().for_page(page)
        if ref is None:
            return None
        return {
            "hostname": ref.site.hostname,
            "url": base_url(ref.site),
            "agency_id": ref.agency.pk if ref.agency else None,
            "agency_name": ref.name,
        }

    @extend_schema_field(PageNoticesSerializer)
    def get_notices(self, page: Page) -> dict[str, Any]:
        """What the page shows of the board's R45 decisions: correction notes and a withdrawal banner."""
        if "notices" not in self.context or page.pk not in self.context["notices"]:
            # Loaded for the whole list being serialised at once (one query, not one per page).
            listed = getattr(self.parent, "instance", None) or [page]
            self.context["notices"] = public_notices_of([item.pk for item in listed])
        notices = self.context["notices"][page.pk]
        withdrawal = notices["withdrawal"]
        return {
            "corrections": [_notice(item) for item in notices["corrections"]],
            "withdrawal": _notice(withdrawal) if withdrawal is not None else None,
        }

    @extend_schema_field(DublinCoreSerializer)
    def get_dublin_core(self, page: Page) -> dict[str, str]:
        values = dict.fromkeys(DC_ELEMENTS, "")
        values.update({element.name: element.value for element in dublin_core(page, self._request)})
        return values


def rich_text(value) -> str:
    return str(value or "")


def plain_text(value) -> str:
    return " ".join(strip_tags(str(value or "")).split())


class LegalRelationSerializer(serializers.Serializer):
    kind = serializers.CharField()
    document = PageLinkSerializer()


class LegalDocumentSerializer(PublicPageSerializer):
    document_type = DocumentTypeSerializer()
    number = serializers.CharField()
    issuer = IssuingAuthoritySerializer()
    signer = serializers.CharField(allow_blank=True)
    issued_on = serializers.DateField()
    effective_on = serializers.DateField(allow_null=True)
    expires_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=LegalDocumentPage.Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    fields = LegalFieldSerializer(many=True, source="fields.all")
    summary = serializers.CharField(allow_blank=True)
    body_html = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    relations = serializers.SerializerMethodField()
    related_by = serializers.SerializerMethodField()
    procedures = serializers.SerializerMethodField()
    national_database_url = serializers.CharField(allow_blank=True)
    gazette_reference = serializers.CharField(allow_blank=True)

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_body_html(self, page: LegalDocumentPage) -> str:
        return rich_text(page.body)

    @extend_schema_field(FileSerializer(many=True))
    def get_attachments(self, page: LegalDocumentPage) -> list[dict[str, Any]]:
        return [file_record(document, self._request) for document in page.attachment_documents()]

    def _relations(self, relations, side: str) -> list[dict[str, Any]]:
        pages = {relation.pk: getattr(relation, side) for relation in relations}
        visible = {link["id"]: link for link in self.public_links(pages.values())}
        return [
            {"kind": relation.kind, "document": visible[getattr(relation, f"{side}_id")]}
            for relation in relations
            if getattr(relation, f"{side}_id") in visible
        ]

    @extend_schema_field(LegalRelationSerializer(many=True))
    def get_relations(self, page: LegalDocumentPage) -> list[dict[str, Any]]:
        """This document amends / replaces / guides these documents."""
        return self._relations(list(page.relations.select_related("target")), "target")

    @extend_schema_field(LegalRelationSerializer(many=True))
    def get_related_by(self, page: LegalDocumentPage) -> list[dict[str, Any]]:
        """These documents amend / replace / guide this one."""
        return self._relations(list(page.incoming_relations), "page")

    @extend_schema_field(PageLinkSerializer(many=True))
    def get_procedures(self, page: LegalDocumentPage) -> list[dict[str, Any]]:
        return self.public_links(page.procedures.all())


class StepSerializer(serializers.Serializer):
    description_html = serializers.CharField()
    responsible = serializers.CharField(allow_blank=True)
    time_limit = serializers.CharField(allow_blank=True)


class DossierItemSerializer(serializers.Serializer):
    name = serializers.CharField()
    originals = serializers.IntegerField(allow_null=True)
    copies = serializers.IntegerField(allow_null=True)
    note = serializers.CharField(allow_blank=True)


class ProcedureSerializer(PublicPageSerializer):
    """Every component of Decree 63/2010 Art 8.2."""

    code = serializers.CharField()
    field = LegalFieldSerializer()
    administrative_level = serializers.ChoiceField(choices=ProcedurePage.Level.choices)
    administrative_level_label = serializers.CharField(source="get_administrative_level_display")
    implementing_agency = serializers.CharField()
    steps = serializers.SerializerMethodField()
    submission_methods_html = serializers.SerializerMethodField()
    dossier = serializers.SerializerMethodField()
    dossier_sets = serializers.IntegerField()
    processing_time = serializers.CharField()
    applicants = serializers.CharField()
    result = serializers.CharField(allow_blank=True)
    fees_html = serializers.SerializerMethodField()
    forms = serializers.SerializerMethodField()
    requirements_html = serializers.SerializerMethodField()
    responsibilities_html = serializers.SerializerMethodField()
    legal_basis = serializers.SerializerMethodField()
    legal_basis_note_html = serializers.SerializerMethodField()
    service_level = serializers.ChoiceField(choices=ProcedurePage.ServiceLevel.choices)
    service_level_label = serializers.CharField(source="get_service_level_display")
    legacy_level = serializers.IntegerField(allow_null=True)
    national_portal_url = serializers.CharField(allow_blank=True)

    @extend_schema_field(StepSerializer(many=True))
    def get_steps(self, page: ProcedurePage) -> list[dict[str, Any]]:
        return [
            {
                "description_html": rich_text(block.value["description"]),
                "responsible": block.value["responsible"] or "",
                "time_limit": block.value["time_limit"] or "",
            }
            for block in page.steps
        ]

    @extend_schema_field(DossierItemSerializer(many=True))
    def get_dossier(self, page: ProcedurePage) -> list[dict[str, Any]]:
        return [
            {
                "name": block.value["name"],
                "originals": block.value["originals"],
                "copies": block.value["copies"],
                "note": block.value["note"] or "",
            }
            for block in page.dossier
        ]

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_submission_methods_html(self, page: ProcedurePage) -> str:
        return rich_text(page.submission_methods)

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_fees_html(self, page: ProcedurePage) -> str:
        return rich_text(page.fees)

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_requirements_html(self, page: ProcedurePage) -> str:
        return rich_text(page.requirements)

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_responsibilities_html(self, page: ProcedurePage) -> str:
        return rich_text(page.responsibilities)

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_legal_basis_note_html(self, page: ProcedurePage) -> str:
        return rich_text(page.legal_basis_note)

    @extend_schema_field(FileSerializer(many=True))
    def get_forms(self, page: ProcedurePage) -> list[dict[str, Any]]:
        return [file_record(document, self._request) for document in page.attachment_documents()]

    @extend_schema_field(PageLinkSerializer(many=True))
    def get_legal_basis(self, page: ProcedurePage) -> list[dict[str, Any]]:
        return self.public_links(page.legal_basis.all())


class ImageSerializer(serializers.Serializer):
    url = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    caption = serializers.CharField(allow_blank=True)
    photographer = serializers.CharField(allow_blank=True)


class NewsSerializer(PublicPageSerializer):
    date = serializers.DateField()
    event_time = serializers.DateTimeField(allow_null=True)
    location = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(allow_blank=True)
    authors = serializers.ListField(child=serializers.CharField(), help_text="Bylines (HN19 Art 8.4).")
    source = serializers.CharField(allow_blank=True)
    source_url = serializers.CharField(allow_blank=True)
    is_reused = serializers.BooleanField()
    featured_image = serializers.SerializerMethodField()
    categories = serializers.SerializerMethodField()
    show_on_portal = serializers.BooleanField()
    is_typical = serializers.BooleanField()
    body_html = serializers.SerializerMethodField()
    related = serializers.SerializerMethodField()

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_featured_image(self, page: NewsPage) -> dict[str, Any] | None:
        image = page.featured_image
        if image is None:
            return None
        return {
            "url": absolute_url(self._request, image.file.url),
            "width": image.width,
            "height": image.height,
            "caption": page.image_caption,
            "photographer": page.image_author,
        }

    @extend_schema_field(
        inline_serializer(
            "NewsCategoryRef",
            {
                "id": serializers.IntegerField(),
                "name": serializers.CharField(),
                "slug": serializers.CharField(),
            },
            many=True,
        )
    )
    def get_categories(self, page: NewsPage) -> list[dict[str, Any]]:
        return [{"id": c.pk, "name": c.name, "slug": c.slug} for c in page.categories.all()]

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_body_html(self, page: NewsPage) -> str:
        return rich_text(page.body)

    @extend_schema_field(PageLinkSerializer(many=True))
    def get_related(self, page: NewsPage) -> list[dict[str, Any]]:
        return self.public_links([link.target for link in page.related_links.select_related("target")])


class AnnouncementAttachmentSerializer(FileSerializer):
    kind = serializers.CharField()


class AnnouncementSerializer(PublicPageSerializer):
    date = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    summary = serializers.CharField(allow_blank=True)
    body_html = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_body_html(self, page: AnnouncementPage) -> str:
        return rich_text(page.body)

    @extend_schema_field(AnnouncementAttachmentSerializer(many=True))
    def get_attachments(self, page: AnnouncementPage) -> list[dict[str, Any]]:
        records = []
        for block in page.attachments:
            value = block.value
            if value["document"] is None:
                continue
            record = file_record(value["document"], self._request, value.get("title") or "")
            record["kind"] = value.get("kind") or "other"
            records.append(record)
        return records


# --- the agency registry -----------------------------------------------------------------------------


class AgencySerializer(serializers.ModelSerializer):
    """The registry's public face: the institution and its official contacts. People (the head's name,
    the site's person responsible) are left out."""

    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    successor = serializers.IntegerField(source="successor_id", allow_null=True)
    hostname = serializers.SerializerMethodField()
    site_url = serializers.SerializerMethodField()
    email = serializers.CharField(allow_blank=True, help_text="The agency's official address.")

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "abbreviation",
            "name_en",
            "kind",
            "kind_label",
            "parent",
            "domain_label",
            "administrative_code",
            "status",
            "status_label",
            "successor",
            "hostname",
            "site_url",
            "address",
            "phone",
            "fax",
            "email",
            "updated_at",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_hostname(self, agency: Agency) -> str | None:
        return agency.site.hostname if agency.site_id else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_site_url(self, agency: Agency) -> str | None:
        return base_url(agency.site) if agency.site_id else None


# --- public answers and consultations (interaction app) ----------------------------------------------


class AnswerSerializer(PublicPageSerializer):
    """A published answer to a citizen's question or petition: the question and answer only — never the
    asker (not even as shown on the page) nor the tracking code of their request."""

    question = serializers.CharField()
    answer = serializers.CharField()
    legal_bases = serializers.JSONField()
    field = LegalFieldSerializer(allow_null=True)
    agency_id = serializers.IntegerField(allow_null=True)
    asked_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField()


class ConsultationSerializer(PublicPageSerializer):
    """A draft put out for public comment, its window and state, and the report on the comments."""

    drafting_agency = serializers.CharField()
    prepared_for = serializers.CharField(allow_blank=True)
    summary_html = serializers.SerializerMethodField()
    draft_document = serializers.SerializerMethodField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    receiving_unit = serializers.CharField()
    receiving_address = serializers.CharField()
    receiving_email = serializers.CharField(help_text="The receiving unit's official address.")
    comments_summary_html = serializers.SerializerMethodField()
    explanation_html = serializers.SerializerMethodField()
    explanation_document = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_summary_html(self, page) -> str:
        return rich_text(page.summary)

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_comments_summary_html(self, page) -> str:
        return rich_text(page.comments_summary)

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_explanation_html(self, page) -> str:
        return rich_text(page.explanation)

    @extend_schema_field(FileSerializer(allow_null=True))
    def get_draft_document(self, page) -> dict[str, Any] | None:
        return file_record(page.draft_document, self._request) if page.draft_document_id else None

    @extend_schema_field(FileSerializer(allow_null=True))
    def get_explanation_document(self, page) -> dict[str, Any] | None:
        return file_record(page.explanation_document, self._request) if page.explanation_document_id else None
