"""Plain text from attached PDF, DOCX and ODT files, for the search index (R81)."""

from __future__ import annotations

from typing import BinaryIO

MAX_CHARACTERS = 1_000_000  # a very long annex is still searchable by its first million characters


class ExtractionError(Exception):
    pass


def extract_text(handle: BinaryIO, extension: str) -> str:
    extension = extension.lower().lstrip(".")
    try:
        if extension == "pdf":
            text = _pdf(handle)
        elif extension == "docx":
            text = _docx(handle)
        elif extension == "odt":
            text = _odt(handle)
        else:
            raise ExtractionError(f".{extension} files are not read")
    except ExtractionError:
        raise
    except Exception as error:  # every parser has its own errors for damaged files
        raise ExtractionError(f"unreadable .{extension} file: {error}"[:250]) from error
    return " ".join(text.split())[:MAX_CHARACTERS]


def _pdf(handle: BinaryIO) -> str:
    from pypdf import PdfReader

    reader = PdfReader(handle)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx(handle: BinaryIO) -> str:
    import docx

    document = docx.Document(handle)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _odt(handle: BinaryIO) -> str:
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P

    document = load(handle)
    return "\n".join(
        teletype.extractText(node) for kind in (H, P) for node in document.getElementsByType(kind)
    )
