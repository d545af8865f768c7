"""Signals other apps listen to, so `sites` never imports them (architecture: no import circles)."""

from django.dispatch import Signal

# Sent inside provisioning's transaction after an agency's site, collection and groups exist.
# Receivers (workflows, locales …) add their own parts idempotently; an exception rolls it all back.
# kwargs: agency, site, created (bool)
site_provisioned = Signal()

# Sent after site_provisioned when provisioning built a new site (every receiver has added its pages),
# still inside the transaction. Per-page reactions were skipped while it was built
# (sites.provisioning.building_new_site); receivers react to the finished site once (the page cache
# purges it). kwargs: agency, site
site_built = Signal()

# Sent inside the short transaction that claims a new site's places under the shared tree roots
# (sites.provisioning), with its home page still a draft. Receivers add their own children of those
# roots here, so the long build that follows never locks a shared root row. kwargs: agency, home
site_claimed = Signal()
