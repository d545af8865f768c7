"""Wagtail's ``image``, ``srcset_image`` and ``picture`` tags, making their filters once per compiled
template instead of on every render.

Wagtail's nodes build new ``Filter`` objects each time they render, and each parses its operations
again (an ``inspect`` of every operation's signature): with six news pictures of six renditions each,
about a twentieth of the portal home's CPU. A Filter depends only on its spec, so a node keeps the
ones it made. Load this library after ``wagtailimages_tags``: its tags replace Wagtail's
(tests/content/test_templates.py fails for a template that uses Wagtail's own).
"""

from __future__ import annotations

from django import template
from wagtail.images.templatetags import wagtailimages_tags as wagtail_images

register = template.Library()


class KeptFilters:
    def get_filter(self):
        if "_kept_filter" not in self.__dict__:
            self._kept_filter = super().get_filter()
        return self._kept_filter

    def get_filters(self):
        if "_kept_filters" not in self.__dict__:
            self._kept_filters = super().get_filters()
        return self._kept_filters


KEPT_NODES = {
    node: type(f"Kept{node.__name__}", (KeptFilters, node), {})
    for node in (wagtail_images.ImageNode, wagtail_images.SrcsetImageNode, wagtail_images.PictureNode)
}


def image(parser: template.base.Parser, token: template.base.Token) -> template.Node:
    node = wagtail_images.image(parser, token)
    node.__class__ = KEPT_NODES[type(node)]
    return node


for tag_name in ("image", "srcset_image", "picture"):
    register.tag(tag_name, image)
