"""What the editorial board decided about a public page: correction notes and a withdrawal banner (R45).

Shown on every page type through CONG_PUBLIC_INCLUDES["content_start"] (moderation/page_notices.html).
"""

from __future__ import annotations

from django import template

from ..corrections import public_notices

register = template.Library()


@register.inclusion_tag("moderation/page_notices_inner.html", takes_context=True)
def page_notices(context) -> dict:
    page = context.get("page")
    if page is None or getattr(page, "pk", None) is None:
        return {"corrections": [], "withdrawal": None}
    return public_notices(page)
