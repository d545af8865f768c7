"""Public pages of the interaction family: the Q&A and petitions sections of every site with their
forms, tracking and archives; the answer pages an approval publishes; draft consultations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

# The views behind these pages' routes (interaction/views/public.py) need the models, forms and workflow;
# the app's ready() hands them over (``connect_public_views``) so the models never import the views.
_PUBLIC_VIEWS: dict[str, Callable[..., Any]] = {}


def connect_public_views(**views: Callable[..., Any]) -> None:
    _PUBLIC_VIEWS.update(views)


def public_view(name: str) -> Callable[..., Any]:
    try:
        return _PUBLIC_VIEWS[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"interaction: no public view {name!r} connected (InteractionConfig.ready)"
        ) from None


class InteractionSectionPage(RoutablePageMixin, Page):
    """A site's section with a public form (R57, R70): archive at its address, form, tracking."""

    request_kind = ""
    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["interaction.AnswerPage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    @path("")
    def archive(self, request):
        return public_view("request_archive")(request, self)

    @path("gui/")
    def submit(self, request):
        return public_view("request_form")(request, self)

    @path("tra-cuu/")
    def track(self, request):
        return public_view("request_tracking")(request, self)


class QuestionIndexPage(InteractionSectionPage):
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    request_kind = "question"
    parent_page_types = ["cms.HomePage"]
    template = "interaction/question_index_page.html"

    class Meta:
        verbose_name = _("questions and answers section")


class PetitionIndexPage(InteractionSectionPage):
    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    request_kind = "petition"
    parent_page_types = ["cms.HomePage"]
    template = "interaction/question_index_page.html"

    class Meta:
        verbose_name = _("petitions section")


class AnswerPage(Page):
    """A question (or petition) and its approved answer, published when the approver chose "public".

    Holds only what may be public (R58): the asker's initials or organisation, the texts, the legal bases.
    """

    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    asker = models.CharField(_("asker (as shown)"), max_length=255, blank=True)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"))
    legal_bases = models.JSONField(_("legal bases"), default=list, blank=True)
    field = models.ForeignKey(
        "cms.LegalField",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        "sites.Agency",
        verbose_name=_("answering agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asked_at = models.DateTimeField(_("asked at"))
    answered_at = models.DateTimeField(_("answered at"))
    tracking_code = models.CharField(_("tracking code"), max_length=20, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("asker"),
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("field"), FieldPanel("agency")]),
        FieldRowPanel([FieldPanel("asked_at"), FieldPanel("answered_at")]),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("question"),
        index.SearchField("answer"),
        index.FilterField("field"),
        index.FilterField("answered_at"),
    ]
    parent_page_types = ["interaction.QuestionIndexPage", "interaction.PetitionIndexPage"]
    subpage_types: list[str] = []
    template = "interaction/answer_page.html"

    class Meta:
        verbose_name = _("published answer")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["legal_bases"] = [LegalBasis.from_dict(item) for item in self.legal_bases or []]
        return context


class LegalBasis:
    """One cited legal document (HN19 Art 10.4, R61): all five parts are required."""

    FIELDS = ("document_type", "number", "issued_on", "authority", "summary")

    def __init__(self, **values: str) -> None:
        for name in self.FIELDS:
            setattr(self, name, values.get(name, ""))

    @classmethod
    def from_dict(cls, data: dict) -> LegalBasis:
        return cls(**{k: str(data.get(k, "")) for k in cls.FIELDS})

    def __str__(self) -> str:
        return f"{self.document_type} số {self.number} ngày {self.issued_on} của {self.authority} về {self.summary}"


class ConsultationIndexPage(Page):
    """Open and closed consultations of this site; on the portal, of every site (R69)."""

    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["interaction.ConsultationPage"]
    max_count_per_parent = 1
    template = "interaction/consultation_index_page.html"

    class Meta:
        verbose_name = _("draft consultations section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(public_view("consultation_listing")(request, self))
        return context


class ConsultationPage(RoutablePageMixin, Page):
    """A draft document open for public comment (R68): window, receiving unit, moderated comments, and
    afterwards the summary of comments and the drafting agency's explanation."""

    # Its tab on /search/ and the mandatory English items (R76) it may carry; see
    # docs/adding-a-page-type.md.
    search_tab = "pages"
    english_set: tuple[str, ...] = ()

    drafting_agency = models.CharField(_("drafting agency"), max_length=255)
    prepared_for = models.CharField(_("to be issued by"), max_length=255, blank=True)
    summary = RichTextField(_("what the draft is about"))
    draft_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("draft file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_at = models.DateTimeField(_("comments open at"))
    closes_at = models.DateTimeField(_("comments close at"))
    receiving_unit = models.CharField(_("receiving unit"), max_length=255)
    receiving_address = models.CharField(_("receiving unit's address"), max_length=255)
    receiving_email = models.EmailField(_("receiving unit's email"))
    comments_summary = RichTextField(_("summary of the comments received"), blank=True)
    explanation = RichTextField(
        _("how the comments were taken into account (tiếp thu, giải trình)"), blank=True
    )
    explanation_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("explanation report file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("drafting_agency"), FieldPanel("prepared_for")]),
        FieldPanel("summary"),
        FieldPanel("draft_document"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        MultiFieldPanel(
            [FieldPanel("receiving_unit"), FieldPanel("receiving_address"), FieldPanel("receiving_email")],
            heading=_("Receiving unit"),
        ),
        MultiFieldPanel(
            [FieldPanel("comments_summary"), FieldPanel("explanation"), FieldPanel("explanation_document")],
            heading=_("After the consultation"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("drafting_agency"),
        index.FilterField("closes_at"),
    ]
    parent_page_types = ["interaction.ConsultationIndexPage"]
    subpage_types: list[str] = []
    template = "interaction/consultation_page.html"

    class Meta:
        verbose_name = _("draft consultation")

    class State(models.TextChoices):
        UPCOMING = "upcoming", _("Not open yet")
        OPEN = "open", _("Open for comments")
        CLOSED = "closed", _("Closed")
        REPORTED = "reported", _("Closed, report published")

    @property
    def state(self) -> str:
        """Closing is automatic: the window decides, nobody has to switch the form off (R68)."""
        now = timezone.now()
        if now < self.opens_at:
            return self.State.UPCOMING
        if now < self.closes_at:
            return self.State.OPEN
        return self.State.REPORTED if (self.comments_summary or self.explanation) else self.State.CLOSED

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The consultation must close after it opens.")})

    @path("")
    def show(self, request):
        return public_view("consultation_page")(request, self)
