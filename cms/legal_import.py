"""Import legal documents from JSON or CSV (``manage.py import_legal_documents``).

Columns: number, type, issuer, signer, issued_on, effective_on, expires_on, status, fields, title,
summary, body, file — plus the optional relation columns amends, replaces, guides (numbers of other
documents, ``;``-separated). Only number, type, issuer, issued_on and title are required.

The whole file is one unit: every row is validated first; if any row is bad, the report lists each
bad row with its number and reason and nothing is written. Otherwise all rows are written in one
transaction. A document is identified by number + issuer, so running the same file again updates
the documents instead of duplicating them.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files import File
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page
from wagtail.utils.file import hash_filelike

from sites.models import Agency
from sites.publishing import publishing_without_review, reason_for_publishing_without_review
from sites.text import nfc

from .legal_text import text_to_blocks
from .models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
)
from .models.legal import ATTACHMENT_EXTENSIONS, normalize_number

COLUMNS = [
    "number",
    "type",
    "issuer",
    "signer",
    "issued_on",
    "effective_on",
    "expires_on",
    "status",
    "fields",
    "title",
    "summary",
    "body",
    "file",
]
RELATION_COLUMNS = {
    "amends": LegalDocumentRelation.Kind.AMENDS,
    "replaces": LegalDocumentRelation.Kind.REPLACES,
    "guides": LegalDocumentRelation.Kind.GUIDES,
}
REQUIRED = ["number", "type", "issuer", "issued_on", "title"]


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


# Every value that lands in a length-limited column is checked in the row check, so no database
# refuses it half-way through the import (SQLite would even store it whole).
LIMITS = {
    "number": _max_length(LegalDocumentPage, "number"),
    "signer": _max_length(LegalDocumentPage, "signer"),
    "title": _max_length(LegalDocumentPage, "title"),
    "issuer": _max_length(IssuingAuthority, "name"),
}
FIELD_NAME_LIMIT = _max_length(LegalField, "name")
FILE_NAME_LIMIT = _max_length(get_document_model(), "title")
# Status values accepted in files: the codes and the Vietnamese wording used on vbpl.vn.
STATUS_ALIASES = {
    "còn hiệu lực": LegalDocumentPage.Status.IN_FORCE,
    "hết hiệu lực một phần": LegalDocumentPage.Status.PARTLY,
    "còn hiệu lực một phần": LegalDocumentPage.Status.PARTLY,
    "hết hiệu lực": LegalDocumentPage.Status.EXPIRED,
    "hết hiệu lực toàn bộ": LegalDocumentPage.Status.EXPIRED,
    "chưa có hiệu lực": LegalDocumentPage.Status.NOT_YET,
    **{value: value for value in LegalDocumentPage.Status.values},
}


class ImportFileError(Exception):
    """The file as a whole cannot be read (missing, wrong format, not a list of rows)."""


@dataclass
class RowError:
    row: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


@dataclass
class CleanRow:
    row: int
    number: str
    number_key: str
    document_type: DocumentType
    issuer_name: str
    signer: str
    issued_on: dt.date
    effective_on: dt.date | None
    expires_on: dt.date | None
    status: str
    fields: list[str]
    title: str
    summary: str
    body: str
    file: Path | None
    relations: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)


def _nfc(value: Any) -> str:
    if value is None:
        return ""
    return nfc(str(value)).strip()


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows as dicts of strings, from a JSON list (or {"documents": [...]}) or a UTF-8 CSV with a header."""
    if not path.is_file():
        raise ImportFileError(f"{path} does not exist or is not a file.")
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{path} is not UTF-8 text ({error.reason}).") from error
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            raise ImportFileError(f"{path} is not valid JSON: {error.msg} at line {error.lineno}.") from error
        if isinstance(data, dict):
            data = data.get("documents")
        if not isinstance(data, list):
            raise ImportFileError(f'{path} must hold a list of documents (or {{"documents": [...]}}).')
        rows = []
        for item in data:
            if isinstance(item, dict):
                rows.append(
                    {
                        str(k).strip().lower(): ("; ".join(map(str, v)) if isinstance(v, list) else v)
                        for k, v in item.items()
                    }
                )
            else:
                rows.append({"__invalid__": type(item).__name__})
        return rows
    if suffix == ".csv":
        reader = csv.DictReader(raw.splitlines())
        if not reader.fieldnames:
            raise ImportFileError(f"{path} has no header row.")
        missing = [name for name in REQUIRED if name not in {h.strip().lower() for h in reader.fieldnames}]
        if missing:
            raise ImportFileError(f"{path} lacks the required column(s): {', '.join(missing)}.")
        return [{(k or "").strip().lower(): v for k, v in row.items()} for row in reader]
    raise ImportFileError(f"{path}: use a .json or .csv file.")


def _parse_date(value: str) -> dt.date:
    value = value.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"“{value}” is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", value) if part.strip()]


class LegalDocumentImporter:
    def __init__(self, parent: LegalDocumentIndexPage, base_dir: Path, progress: Callable[[str], None]):
        self.parent = parent
        self.base_dir = base_dir
        self.progress = progress
        self.documents: dict[str, Any] = {}  # content hash → document, within one run
        self.types = {}
        for item in DocumentType.objects.all():
            self.types[item.name.casefold()] = item
            if item.abbreviation:
                self.types.setdefault(item.abbreviation.casefold(), item)

    # --- validation (no writes) ---
    def clean(self, rows: list[dict[str, Any]]) -> tuple[list[CleanRow], list[RowError]]:
        cleaned, errors = [], []
        seen: dict[tuple[str, str], int] = {}
        for number, raw in enumerate(rows, start=1):
            try:
                row = self._clean_row(number, raw)
            except ValueError as error:
                errors.append(RowError(number, str(error)))
                continue
            key = (row.number_key, row.issuer_name.casefold())
            if key in seen:
                errors.append(
                    RowError(number, f"repeats {row.number} of {row.issuer_name} (row {seen[key]})")
                )
                continue
            seen[key] = number
            cleaned.append(row)
        known = {row.number_key for row in cleaned}
        for row in cleaned:
            for _kind, target in row.relations:
                key = normalize_number(target)
                if key not in known and not LegalDocumentPage.objects.filter(number_key=key).exists():
                    errors.append(
                        RowError(row.row, f"related document {target} is neither in the file nor on the site")
                    )
        errors.sort(key=lambda e: e.row)
        return cleaned, errors

    def _file(self, name: str) -> Path | None:
        if not name:
            return None
        file = (self.base_dir / name).resolve()
        if file.suffix.lower().lstrip(".") not in ATTACHMENT_EXTENSIONS:
            raise ValueError(f"file {name} is not a PDF, DOCX or ODT file")
        if not file.is_file():
            raise ValueError(f"file {name} does not exist")
        return file

    def _clean_row(self, number: int, raw: dict[str, Any]) -> CleanRow:
        if "__invalid__" in raw:
            raise ValueError(f"is a {raw['__invalid__']}, not an object with the document's columns")
        values = {name: _nfc(raw.get(name)) for name in {*COLUMNS, *RELATION_COLUMNS}}
        problems = _size_problems(values)
        if problems:
            raise ValueError("; ".join(problems))
        document_type = self.types.get(values["type"].casefold())
        if document_type is None:
            raise ValueError(
                f"type “{values['type']}” is not in the list of document types "
                f"({', '.join(t.name for t in DocumentType.objects.all())})"
            )
        dates = _dates(values)
        status = ""
        if values["status"]:
            status = STATUS_ALIASES.get(values["status"].casefold(), "")
            if not status:
                raise ValueError(
                    f"status “{values['status']}” is not one of {', '.join(LegalDocumentPage.Status.values)}"
                )
        file = self._file(values["file"])
        relations = [
            (kind, target) for column, kind in RELATION_COLUMNS.items() for target in _split(values[column])
        ]
        return CleanRow(
            row=number,
            number=values["number"],
            number_key=normalize_number(values["number"]),
            document_type=document_type,
            issuer_name=values["issuer"],
            signer=values["signer"],
            issued_on=dates["issued_on"],
            effective_on=dates["effective_on"],
            expires_on=dates["expires_on"],
            status=status,
            fields=_split(values["fields"]),
            title=values["title"],
            summary=values["summary"],
            body=values["body"],
            file=file,
            relations=relations,
        )

    # --- writing (one transaction) ---
    def run(self, rows: list[dict[str, Any]]) -> ImportResult:
        cleaned, errors = self.clean(rows)
        if errors:
            return ImportResult(errors=errors)
        result = ImportResult()
        with transaction.atomic():
            pages: dict[str, LegalDocumentPage] = {}
            for n, row in enumerate(cleaned, start=1):
                page, created = self._write(row)
                pages[row.number_key] = page
                result.created += created
                result.updated += not created
                self.progress(f"[{n}/{len(cleaned)}] {row.number}: {'created' if created else 'updated'}")
            for row in cleaned:
                if row.relations:
                    self._write_relations(pages[row.number_key], row)
        return result

    def _write(self, row: CleanRow) -> tuple[LegalDocumentPage, bool]:
        issuer = self._issuer(row.issuer_name)
        page = (
            LegalDocumentPage.objects.filter(
                number_key=row.number_key, issuer=issuer, locale=self.parent.locale
            )
            .order_by("pk")
            .first()
        )
        created = page is None
        if created:
            page = LegalDocumentPage(slug=self._slug(row), locale=self.parent.locale, live=False)
        page.title = row.title
        page.number = row.number
        page.document_type = row.document_type
        page.issuer = issuer
        page.signer = row.signer
        page.issued_on = row.issued_on
        page.effective_on = row.effective_on
        page.expires_on = row.expires_on
        page.status = row.status  # blank: LegalDocumentPage.save() derives it from the dates
        page.summary = row.summary
        page.search_description = (row.summary or row.title)[:255]
        page.body = text_to_blocks(row.body) if row.body else []
        page.fields = [LegalField.objects.get_or_create(name=name)[0] for name in row.fields]
        if row.file is not None:
            document = self._document(row.file)
            if not any(a.document_id == document.pk for a in page.attachments.all()):
                page.attachments.add(LegalDocumentAttachment(document=document))
        if created:
            self.parent.add_child(instance=page)
        self._publish_or_submit(page)
        return page, created

    def _publish_or_submit(self, page: LegalDocumentPage) -> None:
        """A document with its file and effective date (R22) is published as imported; any other
        becomes a draft submitted to the site's editorial workflow, which decides on it. Code that vouches
        for its data (`publishing_without_review`, e.g. the demo loader) publishes what it imports."""
        revision = page.save_revision()
        if reason_for_publishing_without_review() is not None:
            revision.publish()
            return
        if page.effective_on and page.attachments.exists():
            with publishing_without_review(
                "Nhập văn bản có tệp đính kèm và ngày hiệu lực (R22, import_legal_documents)"
            ):
                revision.publish()
            return
        workflow = page.get_workflow()
        if workflow is not None and page.current_workflow_state is None:
            workflow.start(page, user=None)

    def _write_relations(self, page: LegalDocumentPage, row: CleanRow) -> None:
        page = LegalDocumentPage.objects.get(pk=page.pk)
        wanted = []
        for kind, number in row.relations:
            target = (
                LegalDocumentPage.objects.filter(number_key=normalize_number(number)).order_by("pk").first()
            )
            wanted.append((kind, target.pk))
        if sorted(wanted) == sorted((r.kind, r.target_id) for r in page.relations.all()):
            return
        page.relations = [LegalDocumentRelation(kind=kind, target_id=target) for kind, target in wanted]
        self._publish_or_submit(page)

    def _issuer(self, name: str) -> IssuingAuthority:
        issuer = (
            IssuingAuthority.objects.filter(name__iexact=name).first()
            or IssuingAuthority.objects.filter(abbreviation__iexact=name).exclude(abbreviation="").first()
        )
        if issuer is None:
            issuer = IssuingAuthority.objects.create(name=name)
            self.progress(f"  new issuing authority: {name}")
        return issuer

    def _slug(self, row: CleanRow) -> str:
        from django.utils.text import slugify

        from sites.text import fold

        words = f"{row.document_type.abbreviation or row.document_type.name} {row.number}".replace("/", "-")
        base = slugify(fold(words))[:70]
        slug, n = base or "van-ban", 2
        while Page.objects.child_of(self.parent).filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _document(self, path: Path):
        """The collection's document with this file's *content* (two files named qd.pdf in two
        folders are two documents; one file under two names is one). A new file is written to
        storage only when the import's transaction commits: a failed or killed import leaves no
        orphan file behind."""
        Document = get_document_model()
        with path.open("rb") as handle:
            file_hash = hash_filelike(handle)
        if file_hash in self.documents:  # the same content earlier in this file
            return self.documents[file_hash]
        collection = self._collection()
        document = Document.objects.filter(file_hash=file_hash, collection=collection).order_by("pk").first()
        if document is not None:
            if not document.file.storage.exists(document.file.name):  # a run killed after its commit
                name = document.file.name
                transaction.on_commit(lambda: _write_file(document, name, path))
        else:
            document = Document(title=path.name, collection=collection)
            field = Document._meta.get_field("file")
            name = field.storage.get_available_name(field.generate_filename(document, path.name))
            document.file.name = name
            document.file_hash = file_hash
            document.file_size = path.stat().st_size
            # Registered before save(): the file is written before any on-commit work that reads it.
            transaction.on_commit(lambda: _write_file(document, name, path))
            document.save()
        self.documents[file_hash] = document
        return document

    def _collection(self) -> Collection:
        agency = Agency.objects.for_page(self.parent)
        if agency is not None and agency.collection_id:
            return agency.collection
        return Collection.get_first_root_node()


def _write_file(document, name: str, path: Path) -> None:
    """After commit: store the file under the name the row already holds (or the next free one)."""
    storage = document.file.storage
    with path.open("rb") as handle:
        stored = storage.save(name, File(handle))
    if stored != name:  # someone took the name in between: point the row at the stored file
        type(document).objects.filter(pk=document.pk).update(file=stored)


def _size_problems(values: dict[str, str]) -> list[str]:
    """Required columns and length limits, all reported at once."""
    problems = [f"{name} is required" for name in REQUIRED if not values[name]]
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            problems.append(f"{name} is longer than {limit} characters")
    for name in _split(values["fields"]):
        if len(name) > FIELD_NAME_LIMIT:
            problems.append(f"field “{name[:40]}…” is longer than {FIELD_NAME_LIMIT} characters")
    if values["file"] and len(Path(values["file"]).name) > FILE_NAME_LIMIT:
        problems.append(f"the file name is longer than {FILE_NAME_LIMIT} characters")
    return problems


def _dates(values: dict[str, str]) -> dict[str, Any]:
    """The three dates, parsed and in order (issue ≤ effect ≤ expiry)."""
    dates: dict[str, Any] = {}
    for name in ("issued_on", "effective_on", "expires_on"):
        try:
            dates[name] = _parse_date(values[name]) if values[name] else None
        except ValueError as error:
            raise ValueError(f"{name}: {error}") from error
    if dates["effective_on"] and dates["effective_on"] < dates["issued_on"]:
        raise ValueError("effective_on is before issued_on")
    if dates["expires_on"] and dates["effective_on"] and dates["expires_on"] < dates["effective_on"]:
        raise ValueError("expires_on is before effective_on")
    return dates
