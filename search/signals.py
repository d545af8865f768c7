"""The search app's own signals (its receivers of other apps' signals are in search/receivers.py)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent (sender=the page's class, instance=the page) when a live page's searchable text changed without
# a publication (its attached file was read); the page cache purges the page and its search results.
page_text_reindexed = Signal()

# Sent (sender=the object's class, instance=the object) by the search backend once one object's entry
# was written or deleted and is visible to searches (search/backends/announce.py).
search_entry_changed = Signal()
