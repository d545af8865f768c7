"""Admin for the managed lists of legal documents and procedures (document types, authorities, fields)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import DocumentType, IssuingAuthority, LegalField


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "doc-full"
    list_display = ["name", "abbreviation", "is_legal_normative", "sort_order"]


class IssuingAuthorityViewSet(SnippetViewSet):
    model = IssuingAuthority
    icon = "group"
    list_display = ["name", "abbreviation"]


class LegalFieldViewSet(SnippetViewSet):
    model = LegalField
    icon = "tag"
    list_display = ["name", "sort_order"]


class LegalListsGroup(SnippetViewSetGroup):
    menu_label = _("Legal documents")
    menu_icon = "doc-full-inverse"
    menu_order = 160
    items = (DocumentTypeViewSet, IssuingAuthorityViewSet, LegalFieldViewSet)


register_snippet(LegalListsGroup)
