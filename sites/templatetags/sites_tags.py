from django import template

from sites.context_processors import absolute_site_url

register = template.Library()


@register.simple_tag(takes_context=True)
def site_url(context, hostname: str) -> str:
    """Root URL of another site of the province, on the visitor's scheme and port."""
    return absolute_site_url(hostname, context["request"])
