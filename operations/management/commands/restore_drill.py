import getpass

from django.core.management.base import BaseCommand, CommandError

from operations.drill import run_drill
from operations.models import Outcome


class Command(BaseCommand):
    help = (
        "Restore the latest backup (or the one named) into a scratch database and folder, compare row "
        "counts and checksums with its manifest and record the result (R108)."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", nargs="?", help="Backup name (default: the latest).")
        parser.add_argument("--operator", default="", help="Who runs the drill (default: the system user).")

    def handle(self, *args, **options):
        operator = options["operator"] or getpass.getuser()
        drill = run_drill(options["backup"], operator=operator, progress=self.stdout.write)
        summary = (
            f"Restore drill of {drill.backup_name or '?'} in {drill.duration_seconds:.1f} s: {drill.details}"
        )
        if drill.outcome != Outcome.SUCCESS:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
