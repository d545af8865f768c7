"""URLs on a language host (english.<site host>): the same as the main host, without /en/ prefixes."""

from django.urls import URLResolver

from config import urls as main_urls

urlpatterns = []
for pattern in main_urls.urlpatterns:
    if isinstance(pattern, URLResolver) and type(pattern.pattern).__name__ == "LocalePrefixPattern":
        urlpatterns.extend(pattern.url_patterns)
    else:
        urlpatterns.append(pattern)
