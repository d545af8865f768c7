from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, run_backup


class Command(BaseCommand):
    help = (
        "Back up the database, the media files and a manifest (row counts, SHA-256 checksums, code and "
        "migration versions) to the backups storage, then apply the retention (R107)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--encrypt", action="store_true", default=None, help="Require encryption.")
        parser.add_argument("--no-encrypt", dest="encrypt", action="store_false", help="Store in plain.")
        parser.add_argument("--keep-daily", type=int, help="Daily backups kept (default BACKUP_KEEP_DAILY).")
        parser.add_argument(
            "--keep-weekly", type=int, help="Weekly backups kept (default BACKUP_KEEP_WEEKLY)."
        )

    def handle(self, *args, **options):
        for option in ("keep_daily", "keep_weekly"):
            if options[option] is not None and options[option] < 1:
                raise CommandError(f"--{option.replace('_', '-')} must be at least 1.")
        try:
            record = run_backup(
                self.stdout.write,
                encrypt=options["encrypt"],
                daily=options["keep_daily"],
                weekly=options["keep_weekly"],
            )
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup {record.name}: {record.tables} tables, {record.rows} rows, {record.media_files} media files."
            )
        )
