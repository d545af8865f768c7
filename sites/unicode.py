"""Every text the project stores is Unicode NFC (TCVN 6909, R90).

One pre_save receiver covers every model of the project's apps and the Wagtail models editors write to
(pages, revisions, images, documents, tags, snippets): character and text fields, rich text, StreamField
and JSON content. Text pasted in decomposed form (NFD, e.g. from macOS) is recomposed before it is saved.
"""

from __future__ import annotations

from django.db import models
from django.db.models.signals import pre_save
from wagtail.fields import StreamField

from sites.text import nfc

# App labels whose models are normalised. Page subclasses live in project apps (cms), and pre_save is sent
# with the concrete page class, so inherited Page fields (title, seo_title…) are covered too.
NORMALISED_APPS = {
    "cms",
    "sites",
    "search",
    "moderation",
    "localization",
    "interaction",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailsnippets",
    "wagtail_localize",
    "taggit",
    "wagtailforms",
    "wagtailredirects",
}
# Machine values that must keep their bytes.
SKIPPED_FIELDS = {"password", "content_type", "content_path", "file_hash", "url_path", "path"}


def normalise_instance(instance: models.Model) -> None:
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or field.primary_key:
            continue
        if isinstance(field, StreamField):
            value = getattr(instance, field.attname)
            if value is None:
                continue
            raw = field.get_prep_value(value)
            if isinstance(raw, str):  # serialised JSON text
                normalised = nfc(raw)
                if normalised != raw:
                    setattr(instance, field.attname, field.to_python(normalised))
            elif raw is not None:
                normalised = nfc(raw)
                if normalised != raw:
                    setattr(instance, field.attname, normalised)
        elif isinstance(field, (models.CharField, models.TextField, models.JSONField)):
            value = getattr(instance, field.attname)
            if value is not None:
                normalised = nfc(value)
                if normalised != value:
                    setattr(instance, field.attname, normalised)


def normalise_on_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or sender._meta.app_label not in NORMALISED_APPS:
        return
    normalise_instance(instance)


def connect() -> None:
    pre_save.connect(normalise_on_save, dispatch_uid="sites.unicode.normalise_on_save")
