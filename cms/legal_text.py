"""The structure of a Vietnamese legal text (Decree 30/2020/NĐ-CP layout): letterhead, document title,
parts (the decision and the regulation it issues), chapters (Chương), sections (Mục), articles (Điều),
clauses (khoản "1.") and points (điểm "a)").

``paragraphs`` turns imported plain text (one line per paragraph, or PDF text with hard-wrapped lines
and blank lines) into logical paragraphs; ``text_to_blocks`` stores them as the page's body (headings
for parts, chapters, sections and articles); ``structure`` reads a body back for the reader: the
letterhead as a header block, a table of contents and an anchor per article ("#dieu-5").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html import escape

from django.utils.html import strip_tags
from django.utils.text import slugify

from sites.text import fold

DOCUMENT_TITLES = (
    "QUYẾT ĐỊNH",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "NGHỊ ĐỊNH",
    "NGHỊ QUYẾT",
    "THÔNG TƯ",
    "LUẬT",
    "CHỈ THỊ",
    "KẾ HOẠCH",
    "HƯỚNG DẪN",
)
_TITLE = re.compile("^(" + "|".join(DOCUMENT_TITLES) + ")$")
_CHAPTER = re.compile(r"^Chương\s+([IVXLC]+|\d+)\b\.?\s*(.*)$")
_SECTION = re.compile(r"^Mục\s+(\d+)\b\.?\s*(.*)$")
_ARTICLE = re.compile(r"^Điều\s+(\d+[a-z]?)\s*\.\s*(.*)$")
_CLAUSE = re.compile(r"^\d+(\.\d+)*\.\s")
_POINT = re.compile(r"^[a-zđ]\)\s")
_RULE = re.compile(r"^[-_=.*\s]{3,}$")
_LETTERHEAD_RIGHT = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|Độc lập|.{2,40}, ngày\b)")
_SENTENCE_END = re.compile(r"[.;:!?)”\"/]$")


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("**", "").replace("*", "")
    return " ".join(line.split()).lstrip("#").strip()


def _starts_block(line: str) -> bool:
    return bool(
        _TITLE.match(line)
        or _CHAPTER.match(line)
        or _SECTION.match(line)
        or _ARTICLE.match(line)
        or _CLAUSE.match(line)
        or _POINT.match(line)
        or line.startswith(("Căn cứ", "Theo đề nghị", "Xét đề nghị", "Số:", "-", "+", "•"))
        or _LETTERHEAD_RIGHT.match(line)
    )


def paragraphs(text: str) -> list[str]:
    """Logical paragraphs: a hard-wrapped line continues the previous one unless it starts a new unit."""
    out: list[str] = []
    for raw in text.splitlines():
        line = _clean(raw)
        if not line or _RULE.match(line):
            continue
        previous = out[-1] if out else ""
        continues = (
            previous
            and not _starts_block(line)
            and not _SENTENCE_END.search(previous)
            and not _TITLE.match(previous)
            and not previous.isupper()
            and not line.isupper()
            # "Điều 3. Trách nhiệm thi hành" then "Chánh Văn phòng …": a title, then its text.
            and not (_ARTICLE.match(previous) and line[0].isupper())
        )
        if continues:
            out[-1] = f"{previous} {line}"
        else:
            out.append(line)
    return out


def text_to_blocks(text: str) -> list[tuple[str, object]]:
    """Plain full text → heading blocks for titles, chapters, sections and articles; paragraphs for the rest."""
    blocks: list[tuple[str, object]] = []
    items = paragraphs(text)
    index = 0
    while index < len(items):
        line = items[index]
        chapter = _CHAPTER.match(line) or _SECTION.match(line)
        if chapter and not chapter.group(2) and index + 1 < len(items) and items[index + 1].isupper():
            # "Chương I" and its title on the next line are one heading.
            line = f"{line}. {items[index + 1]}"
            index += 1
        if (_TITLE.match(line) or chapter or _ARTICLE.match(line)) and len(line) < 300:
            blocks.append(("heading", line))
        else:
            blocks.append(("paragraph", f"<p>{escape(line)}</p>"))
        index += 1
    return blocks


@dataclass
class Entry:
    kind: str  # title, chapter, section, article, clause, point, text
    text: str = ""
    html: str = ""
    anchor: str = ""
    children: list[Entry] = field(default_factory=list)


@dataclass
class LegalText:
    letterhead_left: list[str]
    letterhead_right: list[str]
    entries: list[Entry]
    toc: list[Entry]

    @property
    def has_structure(self) -> bool:
        return any(entry.kind == "article" for entry in self.entries)


def _anchor(prefix: str, kind: str, number: str, used: set[str]) -> str:
    base = f"{prefix}{kind}-{slugify(fold(number))}"
    anchor, n = base, 2
    while anchor in used:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    return anchor


def structure(body) -> LegalText:
    """Read a legal document's body blocks as letterhead, entries with anchors and a table of contents.

    Articles of the first part (the decision) are ``#dieu-1`` …; those of a later part (the regulation
    it issues) are prefixed with that part's name: ``#quy-che-dieu-5``.
    """
    left: list[str] = []
    right: list[str] = []
    entries: list[Entry] = []
    toc: list[Entry] = []
    used: set[str] = set()
    prefix = ""
    parts_seen = 0
    chapter: Entry | None = None
    in_letterhead = True
    for block in body:
        kind = block.block_type
        if kind not in ("heading", "paragraph"):
            in_letterhead = False
            entries.append(Entry("block", html=str(block.render())))
            continue
        text = (
            block.value
            if kind == "heading"
            else strip_tags(str(block.value.source if hasattr(block.value, "source") else block.value))
        )
        text = " ".join(text.split())
        if (
            in_letterhead
            and kind == "paragraph"
            and not _CHAPTER.match(text)
            and not _ARTICLE.match(text)
            and len(text) < 120
            and not text.startswith(("Căn cứ",))
        ):
            (right if _LETTERHEAD_RIGHT.match(text) else left).append(text)
            continue
        in_letterhead = False
        if _TITLE.match(text):
            parts_seen += 1
            prefix = "" if parts_seen == 1 else f"{slugify(fold(text))}-"
            chapter = None
            entry = Entry("title", text=text, anchor=_anchor("", "phan", str(parts_seen), used))
            entries.append(entry)
            toc.append(entry)
            continue
        if match := _CHAPTER.match(text):
            chapter = Entry("chapter", text=text, anchor=_anchor(prefix, "chuong", match.group(1), used))
            entries.append(chapter)
            toc.append(chapter)
            continue
        if match := _SECTION.match(text):
            entry = Entry("section", text=text, anchor=_anchor(prefix, "muc", match.group(1), used))
            entries.append(entry)
            (chapter.children if chapter else toc).append(entry)
            continue
        if match := _ARTICLE.match(text):
            entry = Entry("article", text=text, anchor=_anchor(prefix, "dieu", match.group(1), used))
            entries.append(entry)
            (chapter.children if chapter else toc).append(entry)
            continue
        html = str(block.render()) if kind == "paragraph" else f"<p>{escape(text)}</p>"
        point = "point" if _POINT.match(text) else "clause" if _CLAUSE.match(text) else "text"
        entries.append(Entry(point, text=text, html=html))
    # A title part with nothing under it in the table of contents is noise there.
    toc = [entry for entry in toc if entry.kind != "title" or len(toc) > 1]
    return LegalText(left, right, entries, toc)
