"""Signals the interaction app listens to (it sits on top: lower apps never import it)."""

from __future__ import annotations

from django.dispatch import receiver

from sites.signals import site_provisioned

from .provisioning import ensure_sections


@receiver(site_provisioned, dispatch_uid="interaction_sections")
def add_interaction_sections(sender, agency, site, created, **kwargs) -> None:
    ensure_sections(site)
