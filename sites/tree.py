"""Wagtail's page tree by path: every site's home, in each locale, sits right under the root node."""

from __future__ import annotations

# Tree depth of a locale home (a site's home page or its translation): the root node is depth 1.
HOME_DEPTH = 2


def _steplen() -> int:
    from wagtail.models import Page  # lazily: sites.models imports this module while apps load

    return Page.steplen


def home_path(path: str) -> str:
    """The tree path of the locale home holding the page at ``path`` (itself, for a home)."""
    return path[: HOME_DEPTH * _steplen()]


def ancestor_paths(path: str, from_depth: int = 1) -> list[str]:
    """The tree paths from depth ``from_depth`` down to ``path`` itself, shallowest first."""
    step = _steplen()
    return [path[:end] for end in range(from_depth * step, len(path) + 1, step)]
