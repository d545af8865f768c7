from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from cms.legal_import import COLUMNS, ImportFileError, LegalDocumentImporter, read_rows
from cms.models import LegalDocumentIndexPage


class Command(BaseCommand):
    help = (
        "Import legal documents from a JSON or CSV file with the columns "
        + ", ".join(COLUMNS)
        + " (plus optional amends, replaces, guides). All rows are checked first; if any row is bad "
        "nothing is written. Rerunning updates documents (matched on number + issuer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--parent",
            help="ID of the legal document listing page to import into "
            "(default: the one on the portal, the default site).",
        )

    def handle(self, *args, **options):
        parent = self._parent(options.get("parent"))
        try:
            rows = read_rows(options["file"])
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        if not rows:
            raise CommandError(f"{options['file']} holds no documents.")
        self.stdout.write(f"Importing {len(rows)} document(s) into “{parent.title}” ({parent.url_path})…")
        importer = LegalDocumentImporter(parent, options["file"].resolve().parent, progress=self.stdout.write)
        result = importer.run(rows)
        if result.errors:
            for error in result.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(
                f"{len(result.errors)} of {len(rows)} row(s) are invalid; nothing was imported. "
                "Fix the rows listed above and run the command again."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(rows)} document(s): {result.created} created, {result.updated} updated."
            )
        )

    def _parent(self, parent_id: str | None) -> LegalDocumentIndexPage:
        pages = LegalDocumentIndexPage.objects.all()
        if parent_id:
            try:
                return pages.get(pk=int(parent_id))
            except (ValueError, LegalDocumentIndexPage.DoesNotExist) as error:
                raise CommandError(f"No legal document listing page has the ID {parent_id!r}.") from error
        site = Site.objects.filter(is_default_site=True).first()
        page = pages.descendant_of(site.root_page).first() if site else None
        if page is None:
            raise CommandError(
                "The portal has no legal document listing page; create one (Văn bản) or pass --parent ID."
            )
        return page
