"""Page types and snippets, one module per family of information items."""

from .pages import HomePage, NewsIndexPage, NewsPage, StandardPage

__all__ = ["HomePage", "NewsIndexPage", "NewsPage", "StandardPage"]
