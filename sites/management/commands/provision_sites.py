from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sites.models import Agency
from sites.provisioning import ProvisioningError, ProvisionResult, provision_many


class Command(BaseCommand):
    help = "Create or repair the Wagtail site of agencies (all active agencies if none is named)."

    def add_arguments(self, parser):
        parser.add_argument("labels", nargs="*", help="domain labels or hostnames of the agencies")
        parser.add_argument(
            "--missing-only", action="store_true", help="skip agencies that already have a site"
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="sites built at once, each by its own process (PostgreSQL; default 1)",
        )

    def handle(self, *args, **options):
        labels = options["labels"]
        agencies = Agency.objects.active().select_related("parent", "site", "collection")
        if labels:
            wanted = set(labels)
            agencies = [a for a in agencies if a.domain_label in wanted or a.hostname in wanted]
            found = {a.domain_label for a in agencies} | {a.hostname for a in agencies}
            if unknown := sorted(wanted - found):
                raise CommandError(f"No active agency has the label or host: {', '.join(unknown)}.")
        if options["missing_only"]:
            unbuilt = set(Agency.objects.active().unbuilt().values_list("pk", flat=True))
            agencies = [a for a in agencies if a.pk in unbuilt]
        if not agencies:
            self.stdout.write("Nothing to provision.")
            return

        def progress(number: int, total: int, result: ProvisionResult) -> None:
            state = "created" if result.created else "up to date"
            self.stdout.write(f"[{number}/{total}] {result.site.hostname}: {state}")

        try:
            results = provision_many(agencies, progress=progress, workers=max(1, options["jobs"]))
        except (ProvisioningError, ValidationError) as error:
            messages = getattr(error, "messages", [str(error)])
            raise CommandError("Provisioning stopped: " + " ".join(messages)) from error
        created = sum(r.created for r in results)
        self.stdout.write(self.style.SUCCESS(f"{len(results)} sites provisioned ({created} new)."))
