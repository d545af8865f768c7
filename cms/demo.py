"""Demo content: the five provincial regulations (full text) and a few real news items."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from django.db import transaction
from wagtail.models import Page, Site

from sites.domains import nfc

from .models import HomePage, NewsIndexPage, NewsPage, StandardPage

SEEDS_DIR = Path(__file__).resolve().parent / "demo_seeds"


@dataclass(frozen=True)
class Regulation:
    file: str
    slug: str
    title: str
    summary: str


REGULATIONS = [
    Regulation(
        "001_57f4b0acbbc81b24.txt",
        "qd-68-2026-qd-ubnd",
        "Quyết định số 68/2026/QĐ-UBND ngày 12/5/2026 của UBND tỉnh Cà Mau",
        "Ban hành Quy chế quản lý, vận hành và cung cấp thông tin đối với Cổng Thông tin điện tử, "
        "Trang thông tin điện tử của cơ quan nhà nước trên địa bàn tỉnh Cà Mau. Có hiệu lực từ 28/5/2026.",
    ),
    Regulation(
        "000_ecdacdbc1c583d3f.txt",
        "qd-514-qd-ubnd-2012",
        "Quyết định số 514/QĐ-UBND ngày 06/4/2012 của UBND tỉnh Cà Mau",
        "Ban hành Quy chế phối hợp giữa các sở, ban, ngành tỉnh, UBND huyện, thành phố Cà Mau trong việc "
        "cung cấp và xử lý thông tin trên Cổng Thông tin điện tử tỉnh Cà Mau. Hết hiệu lực từ 28/5/2026.",
    ),
    Regulation(
        "004_769f080b3d21e696.txt",
        "quy-che-cong-ttdt-thai-nguyen-2026",
        "Quyết định năm 2026 của UBND tỉnh Thái Nguyên về Quy chế Cổng Thông tin điện tử tỉnh",
        "Ban hành Quy chế quản lý hoạt động và cung cấp thông tin của Cổng Thông tin điện tử tỉnh Thái Nguyên.",
    ),
    Regulation(
        "002_990f4182645ffc1b.txt",
        "qd-07-2019-qd-ubnd-soc-trang",
        "Quyết định số 07/2019/QĐ-UBND ngày 19/4/2019 của UBND tỉnh Sóc Trăng",
        "Ban hành Quy chế tổ chức, quản lý, cung cấp thông tin và dịch vụ công trực tuyến trên Cổng hoặc "
        "trang thông tin điện tử của các cơ quan nhà nước trên địa bàn tỉnh Sóc Trăng.",
    ),
    Regulation(
        "003_ef6631e2d4008a85.txt",
        "qd-19-2019-qd-ubnd-ha-nam",
        "Quyết định số 19/2019/QĐ-UBND ngày 01/7/2019 của UBND tỉnh Hà Nam",
        "Ban hành Quy chế quản lý, cung cấp và khai thác thông tin, dịch vụ trên Cổng Thông tin điện tử tỉnh Hà Nam.",
    ),
]

NEWS = [
    (
        dt.date(2026, 5, 12),
        "quy-che-moi-ve-cong-thong-tin-dien-tu",
        "UBND tỉnh ban hành Quy chế quản lý, vận hành Cổng Thông tin điện tử và các trang thành phần",
        "Ngày 12/5/2026, UBND tỉnh Cà Mau ban hành Quyết định số 68/2026/QĐ-UBND về Quy chế quản lý, "
        "vận hành và cung cấp thông tin đối với Cổng Thông tin điện tử, Trang thông tin điện tử của cơ "
        "quan nhà nước trên địa bàn tỉnh, có hiệu lực từ ngày 28/5/2026.",
    ),
    (
        dt.date(2026, 5, 28),
        "quy-che-514-het-hieu-luc",
        "Quyết định số 514/QĐ-UBND năm 2012 hết hiệu lực từ ngày 28/5/2026",
        "Theo Điều 2 Quyết định số 68/2026/QĐ-UBND, Quy chế phối hợp cung cấp và xử lý thông tin trên "
        "Cổng Thông tin điện tử tỉnh ban hành kèm Quyết định số 514/QĐ-UBND ngày 06/4/2012 hết hiệu lực "
        "kể từ ngày Quy chế mới có hiệu lực.",
    ),
    (
        dt.date(2026, 6, 1),
        "trang-thanh-phan-cap-xa",
        "Các xã, phường sử dụng tên miền cấp 4 dưới tên miền camau.gov.vn",
        "Trang thông tin điện tử của Ủy ban nhân dân các xã, phường, đặc khu là trang thành phần của "
        "Cổng Thông tin điện tử tỉnh, sử dụng tên miền theo tên đầy đủ của đơn vị, tiếng Việt không dấu, "
        "viết liền (Điều 5 Quy chế ban hành kèm Quyết định số 68/2026/QĐ-UBND).",
    ),
]


def text_to_blocks(text: str) -> list[tuple[str, object]]:
    """Turn a plain-text regulation into heading and paragraph blocks."""
    blocks: list[tuple[str, object]] = []
    for chunk in re.split(r"\n\s*\n", nfc(text)):
        line = " ".join(part.strip() for part in chunk.splitlines() if part.strip())
        line = line.replace("**", "").replace("*", "").strip()
        if not line:
            continue
        if re.match(r"^(Điều \d+[a-z]?\.|Chương [IVXLC]+\b)", line) and len(line) < 200:
            blocks.append(("heading", line))
        else:
            blocks.append(("paragraph", f"<p>{escape(line)}</p>"))
    return blocks


def _child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    """Create or update a published child page by slug."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def load_content(portal_site: Site, commune_sites: list[Site], progress: Callable[[str], None]) -> None:
    with transaction.atomic():
        home = portal_site.root_page.specific
        assert isinstance(home, HomePage)
        home.intro = (
            "<p>Cổng Thông tin điện tử tỉnh Cà Mau là kênh thông tin chính thức của Ủy ban nhân dân "
            "tỉnh trên môi trường mạng, tích hợp thông tin của các sở, ban, ngành và Ủy ban nhân dân "
            "các xã, phường.</p>"
        )
        home.save_revision().publish()

        documents = _child(
            home,
            StandardPage,
            "van-ban",
            title="Văn bản quy phạm pháp luật",
            summary="Các quy chế về Cổng Thông tin điện tử của tỉnh và một số tỉnh khác.",
            show_in_menus=True,
        )
        for regulation in REGULATIONS:
            text = (SEEDS_DIR / regulation.file).read_text(encoding="utf-8")
            _child(
                documents,
                StandardPage,
                regulation.slug,
                title=regulation.title,
                summary=regulation.summary,
                search_description=regulation.summary,
                body=text_to_blocks(text),
            )
            progress(f"  regulation: {regulation.title}")

        for site in [portal_site, *commune_sites]:
            news_index = _child(
                site.root_page, NewsIndexPage, "tin-tuc", title="Tin tức - Sự kiện", show_in_menus=True
            )
            for date, slug, title, summary in NEWS:
                _child(
                    news_index,
                    NewsPage,
                    slug,
                    title=title,
                    date=date,
                    summary=summary,
                    search_description=summary,
                    source="Cổng Thông tin điện tử tỉnh Cà Mau",
                    body=[("paragraph", f"<p>{escape(summary)}</p>")],
                )
        progress(f"  news on {1 + len(commune_sites)} sites")
