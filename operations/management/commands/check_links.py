from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from operations.linkcheck import run_check


class Command(BaseCommand):
    help = "Check every link of every live page (or one site's) and update the broken-link lists (R84)."

    def add_arguments(self, parser):
        parser.add_argument("--site", help="Only this site's host name, e.g. anxuyen.camau.gov.vn.")
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds per request (default 10).")
        parser.add_argument("--workers", type=int, default=8, help="Requests at a time (default 8).")
        parser.add_argument("--internal-only", action="store_true", help="Do not contact other hosts.")

    def handle(self, *args, **options):
        site = None
        if options["site"]:
            site = Site.objects.filter(hostname=options["site"].strip().lower()).first()
            if site is None:
                raise CommandError(f"No site with the host name {options['site']}.")
        if not 1 <= options["workers"] <= 32 or not 0 < options["timeout"] <= 120:
            raise CommandError("--workers must be 1–32 and --timeout 0–120 seconds.")
        run = run_check(
            self.stdout.write,
            site=site,
            timeout=options["timeout"],
            workers=options["workers"],
            external=not options["internal_only"],
        )
        self.stdout.write(self.style.SUCCESS(f"{run.pages} pages, {run.links} links, {run.broken} broken."))
