"""Foreign-language settings: which languages a province publishes and how each site exposes them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.models import Locale

from sites.cache import CachedGenericSettingMixin, CachedSiteSettingMixin
from sites.text import nfc


class UrlStrategy(models.TextChoices):
    # R9: TN26 Art 6.3 (thainguyen.gov.vn/en) and CM26 Art 5.2.b (english.camau.gov.vn).
    PATH = "path", _("Path prefix (/en/…) on the site's own host")
    HOST = "host", _("Separate host (english.<site host>)")


# Optional languages a province can turn on (TN26 Art 4.17.b, 6.1); English is always on.
OPTIONAL_LANGUAGES = {"ko": "enable_korean", "zh-hans": "enable_chinese", "ja": "enable_japanese"}


@register_setting(icon="globe")
class LanguageSettings(CachedGenericSettingMixin, BaseGenericSetting):
    """Province-wide foreign-language policy."""

    url_strategy = models.CharField(
        _("foreign-language addresses"),
        max_length=10,
        choices=UrlStrategy.choices,
        blank=True,
        help_text=_("Empty means the installation default (the CONG_FOREIGN_URL_STRATEGY setting)."),
    )
    enable_korean = models.BooleanField(_("Korean"), default=False)
    enable_chinese = models.BooleanField(_("Chinese (simplified)"), default=False)
    enable_japanese = models.BooleanField(_("Japanese"), default=False)
    portal_name_en = models.CharField(
        _("portal name in English"), max_length=255, default="Ca Mau Provincial Portal"
    )
    owner_name_en = models.CharField(
        _("owner agency in English"), max_length=255, default="Ca Mau Provincial People's Committee"
    )
    licence_line_en = models.CharField(_("licence line in English"), max_length=255, blank=True)
    notify_translators = models.BooleanField(
        _("email translators when a translated Vietnamese page changes"), default=True
    )

    panels = [
        FieldPanel("url_strategy"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("enable_korean"), FieldPanel("enable_chinese"), FieldPanel("enable_japanese")]
                )
            ],
            heading=_("Languages besides Vietnamese and English"),
        ),
        MultiFieldPanel(
            [FieldPanel("portal_name_en"), FieldPanel("owner_name_en"), FieldPanel("licence_line_en")],
            heading=_("Portal-wide lines in English"),
        ),
        FieldPanel("notify_translators"),
    ]

    class Meta:
        verbose_name = _("foreign languages")

    @property
    def effective_url_strategy(self) -> str:
        return self.url_strategy or getattr(settings, "CONG_FOREIGN_URL_STRATEGY", UrlStrategy.PATH)

    def foreign_language_codes(self) -> list[str]:
        """English first, then the optional languages this province has switched on."""
        return ["en"] + [code for code, field in OPTIONAL_LANGUAGES.items() if getattr(self, field)]

    def save(self, *args, **kwargs):
        for field in ("portal_name_en", "owner_name_en", "licence_line_en"):
            setattr(self, field, nfc(getattr(self, field)))
        super().save(*args, **kwargs)


@register_setting(icon="globe")
class SiteLanguageSettings(CachedSiteSettingMixin, BaseSiteSetting):
    """One site's foreign-language details: its address strategy and its footer in English.

    The Vietnamese footer lives in sites.SiteContactSettings (a site setting, which cannot be a
    translatable snippet); its English counterpart is kept here, next to the language switch, and
    empty fields fall back to the Vietnamese ones (names and numbers need no translation).
    """

    url_strategy = models.CharField(
        _("foreign-language addresses"),
        max_length=10,
        choices=UrlStrategy.choices,
        blank=True,
        help_text=_("Empty means the province's choice."),
    )
    agency_name_en = models.CharField(_("agency name in English"), max_length=255, blank=True)
    person_responsible_en = models.CharField(_("person responsible in English"), max_length=255, blank=True)
    address_en = models.CharField(_("address in English"), max_length=255, blank=True)
    licence_line_en = models.CharField(_("licence line in English"), max_length=255, blank=True)

    panels = [
        FieldPanel("url_strategy"),
        MultiFieldPanel(
            [
                FieldPanel("agency_name_en"),
                FieldPanel("person_responsible_en"),
                FieldPanel("address_en"),
                FieldPanel("licence_line_en"),
            ],
            heading=_("Header and footer in English"),
        ),
    ]

    class Meta:
        verbose_name = _("site languages")

    def save(self, *args, **kwargs):
        for field in ("agency_name_en", "person_responsible_en", "address_en", "licence_line_en"):
            setattr(self, field, nfc(getattr(self, field)))
        super().save(*args, **kwargs)


class TranslatorGroup(models.Model):
    """The group that translates one site into one locale (edit rights on that locale's tree only)."""

    agency = models.ForeignKey("sites.Agency", on_delete=models.CASCADE, related_name="translator_groups")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="translator_of")

    class Meta:
        verbose_name = _("translator group")
        constraints = [
            models.UniqueConstraint(fields=["agency", "locale"], name="one_translator_group_per_locale")
        ]

    def __str__(self) -> str:
        return self.group.name
