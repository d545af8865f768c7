"""Tell the rest of Cổng when a single object's search entry has changed.

With a Celery worker, a publication's index write lands after its purge: a search page rendered in
between would be cached without the new page. Announcing the write once it is searchable (after the
node's refresh, see RefreshOnWriteIndexMixin) lets the page cache forget the search pages then.
"""

from __future__ import annotations


class AnnounceWritesMixin:
    """For a search backend: send ``search.signals.search_entry_changed`` after ``add`` and ``delete``."""

    def add(self, obj):
        result = super().add(obj)
        _announce(obj)
        return result

    def delete(self, obj):
        result = super().delete(obj)
        _announce(obj)
        return result


def _announce(obj) -> None:
    from search.signals import search_entry_changed  # the backend is built before apps finish loading

    search_entry_changed.send(sender=type(obj), instance=obj)
