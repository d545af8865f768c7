"""Test settings: the services come from the environment (PostgreSQL, Redis, search node in CI)."""

import os
import re

# pytest-xdist runs the suite in several processes (Makefile: `pytest -n`): each worker gets its own
# Redis database, search indices and media folder, as it gets its own test database from pytest-django.
# Set in the environment before base.py reads it, so the processes a test starts (the Celery worker
# of tests/test_services.py) use the same ones.
_WORKER_NAME = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1 … under xdist
_WORKER = int(_WORKER_NAME.removeprefix("gw") or 0)
# Once per worker: a process a test starts with these settings (the Celery worker) inherits the
# environment already set, and must not shift it again.
if _WORKER_NAME and os.environ.get("CONG_TEST_WORKER_ENV") != _WORKER_NAME:
    os.environ["CONG_TEST_WORKER_ENV"] = _WORKER_NAME
    if _WORKER and os.environ.get("REDIS_URL"):
        _base, _db = re.match(r"(.*?)(?:/(\d+))?$", os.environ["REDIS_URL"]).groups()
        os.environ["REDIS_URL"] = f"{_base}/{int(_db or 0) + _WORKER}"
    # Every worker, gw0 included: no worker's prefix may start another's (tests clear "<prefix>*").
    os.environ["TEST_SEARCH_INDEX"] = f"{os.environ.get('TEST_SEARCH_INDEX', 'cong_test')}_{_WORKER_NAME}"

from .base import *  # noqa: E402, F403
from .base import SALT_KEY as _SALT_KEY  # noqa: E402
from .base import SECRET_KEY as _SECRET_KEY  # noqa: E402

DEBUG = False
SECRET_KEY = _SECRET_KEY or "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "backups": BACKUP_STORAGE,  # noqa: F405
}
if _WORKER:
    MEDIA_ROOT = MEDIA_ROOT / f"gw{_WORKER}"  # noqa: F405
    INTERACTION_PRIVATE_ROOT = INTERACTION_PRIVATE_ROOT / f"gw{_WORKER}"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One key namespace per test, the same in every thread (tests/cache_keys.py).
for _cache in CACHES.values():  # noqa: F405
    _cache["KEY_FUNCTION"] = "tests.cache_keys.make_key"

# Static files come from the app folders here (runserver, test client); WhiteNoise serves the
# collected files in production only.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405

# Tests run background work in-process so each assertion sees its effect; the Celery bridge has
# its own test with a real worker on Redis.
CELERY_TASK_ALWAYS_EAGER = True
TASKS = {"default": {"BACKEND": "config.tasks_backend.ImmediateBackend"}}
if SEARCH_URL:  # noqa: F405
    # Each test run (and each engineer) gets its own indices: <TEST_SEARCH_INDEX>_wagtailcore_page …
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = os.environ.get("TEST_SEARCH_INDEX", "cong_test") + "_"  # noqa: F405
# Personal-field encryption salt (see base.py); a fixed one is acceptable only here.
SALT_KEY = _SALT_KEY or "test-only-field-encryption-salt"

# Tests of every other feature provision sites and read them anonymously at once; the go-live gate's
# own tests (tests/operations/test_public_access.py) set this back to "draft".
CONG_NEW_SITE_STATUS = "live"
