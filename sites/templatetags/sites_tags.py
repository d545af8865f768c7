from django import template

from sites.public_urls import absolute_url

register = template.Library()


@register.simple_tag
def site_url(hostname: str) -> str:
    """Root URL of another site of the province (sites.public_urls: the configured scheme and port)."""
    return absolute_url(hostname)
