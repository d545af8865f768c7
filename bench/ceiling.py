"""The ceiling for bench/pages.py: a minimal Django application whose one view returns 1 KB.

Same interpreter, same gunicorn and worker count as Cổng, nothing else (no database, no middleware):
what Django itself costs per request on this machine.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-ceiling-only",
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )

BODY = ("<!DOCTYPE html><html><body><p>" + "x" * 980 + "</p></body></html>").encode()[:1024]


def one_kilobyte(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", one_kilobyte)]
application = get_wsgi_application()
