"""What every public page type shares: editor overrides for its Dublin Core metadata (TT24/2011, R86–R88).

The values themselves are computed for any Page in cms.metadata, so page types that do not use this mixin
still carry complete metadata; the mixin only adds the fields an editor fills to correct them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..listing import ChoiceFilter, Filter, RelatedFilter, YearFilter, run_listing
from ..queries import public_pages

MULTI_VALUE_HELP = _("Leave empty to fill it automatically. Separate several values with “;”.")


class MetadataMixin(models.Model):
    """Optional Dublin Core overrides; empty fields are derived from the page and its agency."""

    dc_title = models.CharField(_("DC title"), max_length=255, blank=True, help_text=MULTI_VALUE_HELP)
    dc_creator = models.CharField(_("DC creator"), max_length=255, blank=True, help_text=MULTI_VALUE_HELP)
    dc_subject = models.CharField(_("DC subject"), max_length=255, blank=True, help_text=MULTI_VALUE_HELP)
    dc_description = models.TextField(_("DC description"), blank=True, help_text=MULTI_VALUE_HELP)
    dc_publisher = models.CharField(_("DC publisher"), max_length=255, blank=True, help_text=MULTI_VALUE_HELP)
    dc_contributor = models.CharField(
        _("DC contributor"), max_length=255, blank=True, help_text=MULTI_VALUE_HELP
    )
    dc_source = models.CharField(_("DC source"), max_length=255, blank=True, help_text=MULTI_VALUE_HELP)
    dc_coverage = models.CharField(_("DC coverage"), max_length=255, blank=True, help_text=MULTI_VALUE_HELP)
    dc_rights = models.CharField(_("DC rights"), max_length=255, blank=True, help_text=MULTI_VALUE_HELP)

    metadata_panel = MultiFieldPanel(
        [
            FieldPanel("dc_title"),
            FieldPanel("dc_creator"),
            FieldPanel("dc_subject"),
            FieldPanel("dc_description"),
            FieldPanel("dc_publisher"),
            FieldPanel("dc_contributor"),
            FieldPanel("dc_source"),
            FieldPanel("dc_coverage"),
            FieldPanel("dc_rights"),
        ],
        heading=_("Dublin Core metadata"),
        classname="collapsed",
    )
    promote_panels = [*Page.promote_panels, metadata_panel]

    class Meta:
        abstract = True


def own_or_generic_template(page: Page, generic: str) -> str:
    """The page type's own template if it has one, else the shared one of its family."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template(page.template)
    except TemplateDoesNotExist:
        return generic
    return page.template


# --- shared page base and listings -------------------------------------------------------------------


class ContentPage(MetadataMixin, Page):
    """A public information item: structured facts shown as a table, then its body and files."""

    is_article = False
    generic_template = "cms/detail_page.html"

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        return own_or_generic_template(self, self.generic_template)

    def clean(self) -> None:
        super().clean()
        # An editor that looks empty still submits "<p></p>": required rich text must hold words.
        errors = {}
        for field in self._meta.concrete_fields:
            if (
                isinstance(field, RichTextField)
                and not field.blank
                and not strip_tags(getattr(self, field.attname) or "").strip()
            ):
                errors[field.name] = [_("This field is required.")]
        try:
            self.validate_content()
        except ValidationError as error:
            for name, messages in error.update_error_dict({}).items():
                errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def validate_content(self) -> None:
        """Rules across fields of one page type; raise ValidationError({field: message})."""

    def facts(self) -> list[tuple[str, object]]:
        """(label, value) pairs shown at the top of the page; empty values are left out."""
        return []

    def visible_facts(self) -> list[tuple[str, object]]:
        return [(label, value) for label, value in self.facts() if value not in (None, "", [])]

    @property
    def listing_date(self):
        return getattr(self, "date", None) or (self.first_published_at and self.first_published_at.date())

    @property
    def listing_summary(self) -> str:
        return getattr(self, "summary", "") or self.search_description


def display(instance: models.Model, field: str) -> str:
    """The display label of a choice field ('' when empty)."""
    value = getattr(instance, field)
    return getattr(instance, f"get_{field}_display")() if value else ""


class ListingPage(MetadataMixin, Page):
    """A section that lists its live descendants of one type, filterable on their key fields (R18)."""

    # Its deadline rule in the province profile (moderation.information); R50.
    information_type = "other"

    intro = models.TextField(_("introduction"), blank=True)

    listing_model: str = ""  # "app_label.ModelName"
    listing_filters: tuple[str, ...] = ()  # choice fields or foreign keys of the listed model
    listing_year_field: str | None = None  # a date field to filter by year
    listing_order: tuple[str, ...] = ("-first_published_at",)
    paginate_by = 20
    generic_template = "cms/listing_page.html"

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        return own_or_generic_template(self, self.generic_template)

    def listed_model(self):
        from django.apps import apps

        return apps.get_model(self.listing_model)

    def listing_filter_set(self) -> list[Filter]:
        """The filters of this listing: each of ``listing_filters`` (choices or a related model), then
        the year of ``listing_year_field``."""
        model = self.listed_model()
        filters = []
        for name in self.listing_filters:
            field = model._meta.get_field(name)
            if field.is_relation:
                filters.append(RelatedFilter(name, field.verbose_name, model=field.related_model))
            else:
                filters.append(ChoiceFilter(name, field.verbose_name, choices=field.choices))
        if self.listing_year_field:
            filters.append(YearFilter("year", _("year"), field=self.listing_year_field))
        return filters

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        scope = public_pages(self.listed_model()).descendant_of(self)
        listing = run_listing(
            request.GET, scope, self.listing_filter_set(), self.listing_order, self.paginate_by
        )
        context.update(listing.context())
        return context
