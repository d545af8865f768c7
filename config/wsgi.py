import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.utils.module_loading import import_string

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()
# Cached public pages are answered before Django's middleware chain (WSGI_FRONT_DOOR, named like
# MIDDLEWARE: operations/frontdoor.py).
application = import_string(settings.WSGI_FRONT_DOOR)(django_application)
