"""Find admin strings without a Vietnamese translation: record every msgid looked up while admin
screens render in Vietnamese and keep those the merged catalogue (project, Wagtail, wagtail-localize,
Django, django-otp) lacks. Used by tests/test_admin_language.py; run it alone to list what to translate:

    pytest tests/test_admin_language.py -q -s
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.translation.trans_real import DjangoTranslation

# Not words a reader sees: format strings, markup, identifiers.
NOT_PROSE = re.compile(r"^[\W\d_]*$|^%\(\w+\)s$|^[a-z_]+$")


@contextmanager
def recording_untranslated(language: str = "vi") -> Iterator[dict[str, set[str]]]:
    """Yields {msgid: {where}} of lookups in `language` that found no translation; fill `where` via
    `current_place`."""
    missing: dict[str, set[str]] = defaultdict(set)
    original_gettext, original_ngettext = DjangoTranslation.gettext, DjangoTranslation.ngettext

    def note(translation: DjangoTranslation, key, msgid: str) -> None:
        if (
            translation.language() == language
            and key not in translation._catalog
            and not NOT_PROSE.match(msgid)
        ):
            missing[msgid.replace("\x04", " | ")].add(current_place[0])

    def gettext(self, message):
        note(self, message, message)
        return original_gettext(self, message)

    def ngettext(self, msgid1, msgid2, n):
        note(self, (msgid1, 0), msgid1)
        return original_ngettext(self, msgid1, msgid2, n)

    DjangoTranslation.gettext, DjangoTranslation.ngettext = gettext, ngettext
    try:
        yield missing
    finally:
        DjangoTranslation.gettext, DjangoTranslation.ngettext = original_gettext, original_ngettext


current_place = ["?"]


def admin_urls_without_arguments() -> list[str]:
    """Every admin URL pattern that takes no argument, as a path."""
    found: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            route = str(entry.pattern).lstrip("^").rstrip("$")
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                path = prefix + route
                if any(mark in path for mark in "<([\\?*+"):
                    continue
                found.append("/" + path)

    walk(get_resolver().url_patterns, "")
    return sorted({p for p in found if p.startswith("/admin/")})
