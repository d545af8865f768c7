"""Shared vocabularies editors manage as snippets: news categories (chuyên mục) and fields (lĩnh vực, R36)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class Sector(index.Indexed, models.Model):
    """A field of state management (lĩnh vực) shared by every content type and site of the province."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("field (lĩnh vực)")
        verbose_name_plural = _("fields (lĩnh vực)")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.slug:
            self.slug = slugify(self.name.replace("đ", "d").replace("Đ", "D"))
        if not self.slug:
            raise ValidationError({"slug": _("Give the field a slug made of Latin letters.")})


class NewsCategory(index.Indexed, models.Model):
    """A news section (chuyên mục). Categories without a site are shared by every site of the province."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="news_categories",
        help_text=_("Leave empty for a category every site can use."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("site"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="cms_newscategory_unique_slug")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.slug:
            self.slug = slugify(self.name.replace("đ", "d").replace("Đ", "D"))
        clash = NewsCategory.objects.filter(slug=self.slug, site=self.site).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"slug": _("Another category of this site already uses this slug.")})


register_snippet(Sector)
register_snippet(NewsCategory)
