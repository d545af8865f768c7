"""What changed in the Vietnamese text since a translation last took it in (shown to translators, R78)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue


@dataclass(frozen=True)
class ChangedSegment:
    path: str
    before: str
    after: str

    @property
    def diff_html(self) -> SafeString:
        """Word diff: removed words in <del>, added words in <ins>."""
        old, new = self.before.split(), self.after.split()
        parts = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if tag in ("replace", "delete"):
                parts.append(f"<del>{escape(' '.join(old[i1:i2]))}</del>")
            if tag in ("replace", "insert"):
                parts.append(f"<ins>{escape(' '.join(new[j1:j2]))}</ins>")
            if tag == "equal":
                parts.append(escape(" ".join(old[i1:i2])))
        return mark_safe(" ".join(parts))


def _strings(page: Page) -> dict[str, str]:
    return {
        segment.path: segment.render_text()
        for segment in extract_segments(page)
        if isinstance(segment, StringSegmentValue)
    }


def vietnamese_changes(source: Page, translation: Page) -> list[ChangedSegment]:
    """Segments of the Vietnamese page whose text differs from the version the translation was last
    published against (the Vietnamese revision current when the translation was last published)."""
    since = translation.last_published_at
    if since is None or source.last_published_at is None or source.last_published_at <= since:
        return []
    earlier = source.revisions.filter(created_at__lte=since).order_by("-created_at").first()
    if earlier is None:
        return []
    before = _strings(earlier.as_object())
    after = _strings(
        source.get_latest_revision_as_object() if source.has_unpublished_changes else source.specific
    )
    return [
        ChangedSegment(path, before.get(path, ""), text)
        for path, text in after.items()
        if before.get(path, "") != text
    ]
