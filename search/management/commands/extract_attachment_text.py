from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from cms.models import AttachmentText, LegalDocumentAttachment, ProcedureAttachment
from search.tasks import extract_attachment_text


class Command(BaseCommand):
    help = (
        "Extract the text of every file attached to a legal document or procedure and reindex the "
        "pages using it. Files whose content is unchanged are not read again, so the command can be "
        "stopped and rerun. Use --missing to handle only files never extracted, --queue to send the "
        "work to Celery workers instead of doing it here."
    )

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="only files without extracted text")
        parser.add_argument("--queue", action="store_true", help="enqueue one Celery task per file")

    def handle(self, *args, **options):
        ids = set(LegalDocumentAttachment.objects.values_list("document_id", flat=True))
        ids |= set(ProcedureAttachment.objects.values_list("document_id", flat=True))
        if options["missing"]:
            ids -= set(AttachmentText.objects.values_list("document_id", flat=True))
        documents = get_document_model().objects.filter(pk__in=ids).order_by("pk")
        total = documents.count()
        for number, document in enumerate(documents, start=1):
            if options["queue"]:
                extract_attachment_text.delay(document.pk)
                state = "queued"
            else:
                pages = extract_attachment_text(document.pk)
                stored = AttachmentText.objects.filter(document=document).first()
                state = f"error: {stored.error}" if stored and stored.error else f"{pages} page(s) reindexed"
            self.stdout.write(f"[{number}/{total}] {document.title}: {state}")
        self.stdout.write(self.style.SUCCESS(f"{total} file(s) handled."))
