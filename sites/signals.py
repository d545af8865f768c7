"""Signals other apps listen to, so `sites` never imports them (architecture: no import circles)."""

from django.dispatch import Signal

# Sent inside provisioning's transaction after an agency's site, collection and groups exist.
# Receivers (workflows, locales …) add their own parts idempotently; an exception rolls it all back.
# kwargs: agency, site, created (bool)
site_provisioned = Signal()
