import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from cms.demo import load_content
from sites.demo import load_agencies
from sites.jobs import jobs_in_process
from sites.models import Agency
from sites.provisioning import provision_many
from sites.public_urls import absolute_url
from sites.publishing import publishing_without_review

DEMO_CONTENT_SITES = ("anxuyen", "tanthanh")


class Command(BaseCommand):
    help = "Load the demo province (Cà Mau): agencies, one site each, real regulations and news. Rerunnable."

    def add_arguments(self, parser):
        parser.add_argument("--admin-username", default="admin")

    def handle(self, *args, **options):
        # Demo data is published directly (the moderation demo walks its own items through the workflow);
        # each such publication is recorded in the audit log with this reason. Indexing and other
        # background jobs run here, as each object is saved: no worker is needed.
        with publishing_without_review("Dữ liệu mẫu (load_demo)"), jobs_in_process():
            self._load(options)

    def _load(self, options):
        self.stdout.write("Loading the agency registry…")
        agencies = load_agencies(progress=self.stdout.write)

        self.stdout.write("Provisioning sites…")

        def progress(number, total, result):
            if number == total or number % 10 == 0 or result.created:
                state = "created" if result.created else "up to date"
                self.stdout.write(f"  [{number}/{total}] {result.site.hostname}: {state}")

        provision_many([a for a in agencies if a.status == Agency.Status.ACTIVE], progress=progress)

        self.stdout.write("Loading content…")
        portal = Agency.objects.get(kind=Agency.Kind.PROVINCE)
        communes = Agency.objects.filter(domain_label__in=DEMO_CONTENT_SITES, parent=None)
        load_content(portal.site, [a.site for a in communes], progress=self.stdout.write)

        # Other apps add their own demo data (moderation items, translations …) through this setting,
        # so this command never imports them.
        for path in settings.CONG_DEMO_STEPS:
            self.stdout.write(f"Loading {path}…")
            import_string(path)(progress=self.stdout.write)

        password = self._ensure_admin(options["admin_username"])
        self.stdout.write(self.style.SUCCESS(f"Demo province loaded: {len(agencies)} agencies with sites."))
        self.stdout.write(f"Admin: {absolute_url(portal.site, '/admin/')}")
        self.stdout.write(f"  username: {options['admin_username']}")
        self.stdout.write(f"  password: {password}")

    @transaction.atomic
    def _ensure_admin(self, username: str) -> str:
        """The demo admin gets a fresh random password each run (or DEMO_ADMIN_PASSWORD)."""
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@camau.gov.vn"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        return password
