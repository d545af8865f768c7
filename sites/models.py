"""The agency registry, the province profile and each site's own contact details."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.models import Collection, Page, Site
from wagtail.search import index

from .cache import CachedGenericSettingMixin, CachedSiteSettingMixin
from .domains import suggest_label, validate_label
from .text import address_words
from .tree import HOME_DEPTH, home_path


@register_setting(icon="globe")
class ProvinceProfile(CachedGenericSettingMixin, BaseGenericSetting):
    """The province this installation serves: its name, domain and portal-wide lines."""

    name = models.CharField(_("province name"), max_length=100, default="Cà Mau")
    portal_name = models.CharField(
        _("portal name"), max_length=255, default="Cổng Thông tin điện tử tỉnh Cà Mau"
    )
    domain = models.CharField(
        _("portal domain"),
        max_length=253,
        blank=True,
        help_text=_("camau.gov.vn in production; empty means the PORTAL_DOMAIN setting."),
    )
    owner_name = models.CharField(_("owner agency"), max_length=255, default="Ủy ban nhân dân tỉnh Cà Mau")
    licence_line = models.CharField(
        _("licence line"),
        max_length=255,
        blank=True,
        help_text=_("The licence or establishment decision shown in every footer."),
    )
    public_service_url = models.URLField(
        _("online public services address"), default="https://dichvucong.gov.vn"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("portal_name"),
        FieldPanel("domain"),
        FieldPanel("owner_name"),
        FieldPanel("licence_line"),
        FieldPanel("public_service_url"),
    ]

    class Meta:
        verbose_name = _("province profile")

    @property
    def effective_domain(self) -> str:
        return (self.domain or settings.PORTAL_DOMAIN).strip().lower()


def vietnamese_order(field: str):
    """Order by `field` as a Vietnamese reader expects (a ă â b … đ … ư … y), not by code point, where
    PostgreSQL's ICU collation is there; the embedded SQLite default keeps its plain order."""
    from django.db import connection
    from django.db.models.functions import Collate

    return Collate(models.F(field), "vi-x-icu") if connection.vendor == "postgresql" else models.F(field)


class AgencyQuerySet(models.QuerySet):
    def in_registry_order(self, kinds: Sequence[str] | None = None) -> AgencyQuerySet:
        """By kind in the order given (default: the declared order, the province first; kinds not
        given last), names in Vietnamese order within each kind."""
        kinds = Agency.Kind.values if kinds is None else list(kinds)
        rank = models.Case(
            *(models.When(kind=kind, then=position) for position, kind in enumerate(kinds)),
            default=len(kinds),
            output_field=models.IntegerField(),
        )
        return self.order_by(rank, vietnamese_order("name"))

    def with_site(self) -> AgencyQuerySet:
        """Agencies whose site is built (its home has been published): a site whose build is under way,
        or was cut off, is not listed anywhere yet."""
        return self.filter(site__isnull=False, site__root_page__first_published_at__isnull=False)

    def unbuilt(self) -> AgencyQuerySet:
        """Agencies with no site yet, or whose site's build was cut off after its claim (the home was
        never published): what ``provision_sites --missing-only`` builds."""
        return self.filter(
            models.Q(site__isnull=True) | models.Q(site__root_page__first_published_at__isnull=True)
        )

    def matching(self, text: str) -> AgencyQuerySet:
        """Agencies whose name contains ``text``, or whose site's address contains it without accents
        or spaces ("an xuyen" finds anxuyen.…)."""
        return self.filter(
            models.Q(name__icontains=text) | models.Q(site__hostname__icontains=address_words(text))
        )

    def active(self) -> AgencyQuerySet:
        return self.filter(status=Agency.Status.ACTIVE)

    def for_page(self, page: Page) -> Agency | None:
        """The agency whose site holds ``page``, in any locale: every site's home page sits right under
        the tree root, and a locale's home is a translation of it."""
        if not page.path or len(page.path) < HOME_DEPTH * Page.steplen:
            return None
        home = Page.objects.filter(path=home_path(page.path)).values("translation_key").first()
        if home is None:
            return None
        return (
            self.filter(site__root_page__translation_key=home["translation_key"])
            .select_related("site", "site__root_page")
            .first()
        )


class Agency(index.Indexed, models.Model):
    """A state agency that owns one site: the province itself, a department or a commune."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Provincial People's Committee (portal)")
        DEPARTMENT = "department", _("Department")
        PROVINCIAL_UNIT = "provincial_unit", _("Provincial unit")
        COMMUNE = "commune", _("Commune")
        WARD = "ward", _("Ward")
        SPECIAL_ZONE = "special_zone", _("Special zone")
        SUBUNIT = "subunit", _("Sub-unit")
        ORGANISATION = "organisation", _("Other organisation")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        MERGED = "merged", _("Merged")
        DISSOLVED = "dissolved", _("Dissolved")

    # Kinds whose label is the full local name, never an abbreviation (R5).
    LOCAL_KINDS = (Kind.COMMUNE, Kind.WARD, Kind.SPECIAL_ZONE)

    name = models.CharField(_("official Vietnamese name"), max_length=255)
    abbreviation = models.CharField(_("abbreviation"), max_length=50, blank=True)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    domain_label = models.CharField(
        _("domain label"),
        max_length=63,
        blank=True,
        help_text=_(
            "Vietnamese without diacritics, lowercase, no spaces: “sotaichinh”, “anxuyen”. "
            "Empty for the provincial portal."
        ),
    )
    administrative_code = models.CharField(
        _("administrative unit code"), max_length=10, blank=True, db_index=True
    )
    head_name = models.CharField(_("head of agency"), max_length=255, blank=True)
    head_title = models.CharField(_("head's position"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("official email"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    site = models.OneToOneField(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="agency",
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name=_("media collection"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="agency",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgencyQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("abbreviation"), FieldPanel("name_en")]),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("parent")]),
                FieldPanel("domain_label"),
                FieldPanel("administrative_code"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("head_name"), FieldPanel("head_title")]),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")]),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("status"), FieldPanel("successor")])],
            heading=_("Status"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("abbreviation"),
        index.SearchField("domain_label"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "domain_label"],
                name="unique_domain_label_per_parent",
                condition=~models.Q(domain_label=""),
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return self.name

    # --- host names -------------------------------------------------------------------------

    @property
    def hostname(self) -> str:
        """``camau.gov.vn``, ``sotaichinh.camau.gov.vn`` or ``ict.sotttt.camau.gov.vn``."""
        domain = ProvinceProfile.load().effective_domain
        if self.kind == self.Kind.PROVINCE:
            return domain
        labels = [self.domain_label]
        parent = self.parent
        while parent is not None and parent.kind != self.Kind.PROVINCE:
            labels.append(parent.domain_label)
            parent = parent.parent
        return ".".join([*labels, domain])

    @property
    def is_portal(self) -> bool:
        return self.kind == self.Kind.PROVINCE

    def suggested_label(self) -> str:
        return suggest_label(self.name)

    # --- validation -------------------------------------------------------------------------

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}

        def add(field: str, message: str, code: str) -> None:
            errors.setdefault(field, []).append(ValidationError(message, code=code))

        self._check_domain(add, errors)
        self._check_relations(add)
        if "domain_label" not in errors and self.kind != self.Kind.PROVINCE:
            clash = self._hostname_clash()
            if clash:
                add(
                    "domain_label",
                    _("The host “%(host)s” is already used by “%(other)s”.")
                    % {"host": self.hostname, "other": clash},
                    "clash",
                )
        if errors:
            raise ValidationError(errors)

    def _check_domain(self, add, errors: dict[str, list[ValidationError]]) -> None:
        if self.kind == self.Kind.PROVINCE:
            if self.domain_label:
                add(
                    "domain_label",
                    _("The provincial portal uses the province domain itself."),
                    "portal_label",
                )
            others = Agency.objects.filter(kind=self.Kind.PROVINCE).exclude(pk=self.pk)
            if others.exists():
                add("kind", _("There is already a provincial portal agency."), "second_portal")
        else:
            try:
                validate_label(self.domain_label)
            except ValidationError as error:
                errors.setdefault("domain_label", []).append(error)

    def _check_relations(self, add) -> None:
        if self.kind == self.Kind.SUBUNIT and self.parent is None:
            add("parent", _("A sub-unit needs the agency it belongs to."), "subunit_parent")
        if self.parent_id and self.pk and self.parent_id == self.pk:
            add("parent", _("An agency cannot be its own parent."), "self_parent")
        if self.status == self.Status.MERGED and self.successor is None:
            add("successor", _("A merged agency needs the agency it was merged into."), "successor")
        if self.successor_id and self.pk and self.successor_id == self.pk:
            add("successor", _("An agency cannot succeed itself."), "self_successor")

    def _hostname_clash(self) -> str | None:
        siblings = Agency.objects.filter(parent=self.parent, domain_label=self.domain_label)
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        if sibling := siblings.first():
            return sibling.name
        sites = Site.objects.filter(hostname=self.hostname)
        if self.site_id:
            sites = sites.exclude(pk=self.site_id)
        site = sites.first()
        if site is not None:
            return site.site_name or site.hostname
        return None


class AgencyGroup(models.Model):
    """The groups provisioning creates for one agency, by role, so later code can find them."""

    class Role(models.TextChoices):
        EDITORS = "editors", _("Editors")
        BOARD = "board", _("Editorial board")
        ADMINS = "admins", _("Agency administrators")
        TRANSLATORS = "translators", _("Translators")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="groups")
    role = models.CharField(max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="agency_role")

    class Meta:
        verbose_name = _("agency group")
        constraints = [models.UniqueConstraint(fields=["agency", "role"], name="one_group_per_agency_role")]

    def __str__(self) -> str:
        return self.group.name


@register_setting(icon="site")
class SiteContactSettings(CachedSiteSettingMixin, BaseSiteSetting):
    """What each agency shows in its header and footer (CM26 Art 8.1, R13). Layout stays shared."""

    agency_name = models.CharField(_("agency name"), max_length=255)
    person_responsible = models.CharField(_("person responsible"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    licence_line = models.CharField(_("licence line"), max_length=255, blank=True)

    panels = [
        FieldPanel("agency_name"),
        FieldPanel("person_responsible"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]),
        FieldPanel("email"),
        FieldPanel("licence_line"),
    ]

    class Meta:
        verbose_name = _("site contact details")
