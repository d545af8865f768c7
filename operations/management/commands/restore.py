from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, DatabaseTarget, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup (its folder name in the backups storage) into an empty database and media "
        "folder, verifying the manifest before and after. Refuses a non-empty target without --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "backup", help="Backup name, e.g. cong-20261126-020000 (manage.py backup lists it)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Overwrite a database and media folder that hold data."
        )
        parser.add_argument("--database-url", help="Restore into this database instead of DATABASE_URL.")
        parser.add_argument(
            "--media-root", help="Restore media files into this folder instead of MEDIA_ROOT."
        )

    def handle(self, *args, **options):
        from django.core.files.storage import FileSystemStorage, default_storage

        target = DatabaseTarget.from_url(options["database_url"]) if options["database_url"] else None
        media = (
            FileSystemStorage(location=options["media_root"]) if options["media_root"] else default_storage
        )
        try:
            report = restore_backup(
                options["backup"],
                target=target,
                media=media,
                force=options["force"],
                progress=self.stdout.write,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        if not report.ok:
            raise CommandError("The restored data differs from the manifest:\n" + "\n".join(report.problems))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {report.name}: {report.tables_compared} tables and {report.files_compared} media "
                f"files equal to the manifest ({report.seconds:.1f} s)."
            )
        )
