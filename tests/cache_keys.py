"""Cache keys for the test run (config/settings/test.py points every cache's KEY_FUNCTION here).

Each test gets its own namespace (tests.conftest.fresh_page_cache) because the Redis database outlives
test transactions and is shared by runs. It is one process-wide value, not a cache object's
``key_prefix``: cache objects are per thread, and a live server's thread must read the same keys as the
test that clears them (or it keeps another test's list of site roots).
"""

from __future__ import annotations

namespace = {"run": ""}


def make_key(key: str, key_prefix: str, version: int) -> str:
    return f"{namespace['run']}:{key_prefix}:{version}:{key}"
