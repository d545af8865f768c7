"""Give pages with diacritics in their address an ASCII one ("phường-an-xuyên" → "phuong-an-xuyen"),
keeping the old address working: Wagtail's redirects app records a permanent redirect from each old
URL when a slug changes (WAGTAILREDIRECTS_AUTO_CREATE). New pages get ASCII slugs already
(WAGTAIL_ALLOW_UNICODE_SLUGS = False); this converts pages made before. Rerunnable: pages already
ASCII are left alone.

    python manage.py fold_slugs [--dry-run]
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.signals import page_slug_changed

from sites.text import fold


class Command(BaseCommand):
    help = "Replace non-ASCII page slugs by their folded ASCII form; old addresses redirect to the new."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list the changes without making them")

    def handle(self, *args, dry_run: bool = False, **options):
        pages = [
            page
            for page in Page.objects.exclude(depth=1).order_by("depth", "path")
            if not page.slug.isascii()
        ]
        total = len(pages)
        for number, page in enumerate(pages, start=1):
            page = Page.objects.get(pk=page.pk).specific  # reread: a parent's change moved url_path
            new_slug = self._free_slug(page, slugify(fold(page.slug)) or "trang")
            self.stdout.write(f"[{number}/{total}] {page.url_path} → {new_slug}")
            if dry_run:
                continue
            with transaction.atomic():
                before = Page.objects.get(pk=page.pk).specific
                page.slug = new_slug
                page.save()
                # Wagtail's redirects app answers this signal with a permanent redirect from every old
                # URL of the page and its descendants (the admin sends it on publish; a save does not).
                page_slug_changed.send(sender=page.specific_class, instance=page, instance_before=before)
                revision = page.latest_revision
                if revision is not None and revision.content.get("slug") != new_slug:
                    # A later publish of the latest revision must not bring the old slug back.
                    revision.content["slug"] = new_slug
                    revision.save(update_fields=["content"])
        self.stdout.write(f"{total} page(s) {'would be ' if dry_run else ''}given an ASCII address.")

    def _free_slug(self, page: Page, base: str) -> str:
        siblings = Page.objects.sibling_of(page, inclusive=False)
        slug, n = base, 2
        while siblings.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug
