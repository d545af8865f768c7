from django import template
from django.utils import translation

from sites.cache import cached_fragment
from sites.public_urls import absolute_url

register = template.Library()


@register.simple_tag
def site_url(hostname: str) -> str:
    """Root URL of another site of the province (sites.public_urls: the configured scheme and port)."""
    return absolute_url(hostname)


class FragmentNode(template.Node):
    def __init__(
        self,
        nodelist: template.NodeList,
        name: template.base.FilterExpression,
        parts: list,
        topics: template.base.FilterExpression | None,
    ) -> None:
        self.nodelist, self.name, self.parts, self.topics = nodelist, name, parts, topics

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        if getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a draft: nothing kept, nothing reused
        # The request's origin and language are always part of the key: the fragment holds absolute
        # links (the serving scheme and port) and translated text.
        origin = (request.scheme, request.get_host()) if request is not None else ("", "")
        parts = [*origin, translation.get_language(), *(part.resolve(context) for part in self.parts)]
        return cached_fragment(
            f"html:{self.name.resolve(context)}",
            lambda: str(self.nodelist.render(context)),
            *parts,
            topics=(self.topics.resolve(context) or ()) if self.topics is not None else (),
        )


@register.tag
def fragment(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    """``{% fragment "name" part … [topics=keys] %}…{% endfragment %}``: the rendered HTML, kept in the
    accelerator cache (sites.cache.cached_fragment) until the next frame-changing event, or the next
    change to the content its ``topics`` name (sites.cache.content_topic). Only for HTML that depends
    on nothing but the parts given, those topics, the request's origin and its language. Previews
    render it afresh."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment needs a name")
    topics = None
    if bits[-1].startswith("topics="):
        topics = parser.compile_filter(bits.pop()[len("topics=") :])
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]], topics
    )
