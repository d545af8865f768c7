"""The embedded default: SQLite, Wagtail's database search backend, Celery eager. No services needed."""

import os

from .base import *  # noqa: F403
from .base import SALT_KEY as _SALT_KEY
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = True
# A fixed key is acceptable only here: this settings module never serves the public.
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-for-the-embedded-demo"
ALLOWED_HOSTS = ["*"]

# Static files come from the app folders here (runserver, test client); WhiteNoise serves the
# collected files in production only.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405

# Links in emails name the port the demo is served on (`make demo` exports PORT).
_PORT = os.environ.get("PORT", "8000")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://{PORTAL_DOMAIN}:{_PORT}")  # noqa: F405
# Personal-field encryption salt (see base.py); a fixed one is acceptable only here.
SALT_KEY = _SALT_KEY or "dev-only-field-encryption-salt"
