"""Demo step (settings.CONG_DEMO_STEPS): pictures for the demo's news, so home pages and listings show
what a real portal shows. The pictures are drawn at load time with Pillow (landscapes of the Mekong
delta coast: sky, sun, water, mangroves, a boat or a bridge), so the repository ships no binary images
and nothing has a licence to track. Each picture has alt text and a caption naming it an illustration.

Rerunnable: images are found by title, news by slug.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images.models import Image

from sites.models import Agency
from sites.publishing import publish, publish_child

from .models import NewsIndexPage, NewsPage

WIDTH, HEIGHT = 1600, 900
CAPTION = "Ảnh minh họa"

# (sky top, sky bottom, water, land) per time of day.
PALETTES = {
    "morning": ((120, 180, 230), (250, 220, 170), (70, 130, 160), (40, 80, 45)),
    "noon": ((60, 140, 220), (190, 225, 245), (40, 110, 150), (35, 95, 50)),
    "evening": ((60, 50, 110), (245, 150, 90), (90, 70, 110), (30, 40, 35)),
    "rain": ((110, 120, 130), (190, 195, 200), (90, 110, 120), (45, 70, 55)),
}

EXTRA_NEWS = [
    (
        dt.date(2026, 6, 3),
        "dich-vu-cong-truc-tuyen-toan-trinh",
        "Cà Mau đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình",
        "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận và giải quyết trực tuyến toàn trình trên địa bàn "
        "tỉnh tiếp tục tăng; người dân được hướng dẫn nộp hồ sơ qua Cổng Dịch vụ công quốc gia.",
        "noon",
        "bridge",
    ),
    (
        dt.date(2026, 5, 30),
        "phong-chay-rung-u-minh-ha",
        "Chủ động phòng cháy, chữa cháy rừng U Minh Hạ mùa khô 2026",
        "Các lực lượng tăng cường tuần tra, giữ nước trong kênh mương, sẵn sàng phương án chữa cháy tại "
        "các khu rừng tràm trọng điểm.",
        "evening",
        "forest",
    ),
    (
        dt.date(2026, 5, 20),
        "mua-tom-lua-thang-loi",
        "Mô hình tôm - lúa cho thu nhập ổn định ở vùng ngọt hóa",
        "Nhiều hộ dân luân canh tôm - lúa trên cùng diện tích, giảm chi phí, thích ứng biến đổi khí hậu.",
        "morning",
        "field",
    ),
]


def scene(seed: str, palette: str = "noon", kind: str = "boat") -> bytes:
    """A 1600×900 JPEG landscape; the same seed always draws the same picture."""
    rng = random.Random(seed)
    sky_top, sky_bottom, water, land = PALETTES[palette]
    picture = PILImage.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(picture)
    horizon = int(HEIGHT * rng.uniform(0.52, 0.6))
    _sky_and_water(draw, rng, horizon, sky_top, sky_bottom, water)
    if kind in {"forest", "field", "boat", "festival"}:
        _shore(draw, rng, horizon, land, tall=kind == "forest")
    if kind == "field":
        _rice_rows(draw, horizon)
    if kind == "bridge":
        _bridge(draw, horizon)
    if kind in {"boat", "festival"}:
        _boats(draw, rng, horizon, festival=kind == "festival")
    picture = picture.filter(ImageFilter.GaussianBlur(0.6))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    return buffer.getvalue()


def _sky_and_water(draw, rng: random.Random, horizon: int, sky_top, sky_bottom, water) -> None:
    for y in range(horizon):
        t = y / horizon
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(sky_top, sky_bottom, strict=True)),
        )
    sun_x, sun_y = rng.randint(200, WIDTH - 200), int(horizon * rng.uniform(0.25, 0.7))
    draw.ellipse([sun_x - 70, sun_y - 70, sun_x + 70, sun_y + 70], fill=(255, 236, 170))
    for y in range(horizon, HEIGHT):
        t = (y - horizon) / (HEIGHT - horizon)
        draw.line([(0, y), (WIDTH, y)], fill=tuple(int(c * (1 - 0.35 * t)) for c in water))
    for _ in range(60):  # light on the water
        x, y = rng.randint(0, WIDTH), rng.randint(horizon + 5, HEIGHT)
        draw.line([(x, y), (x + rng.randint(20, 90), y)], fill=(255, 240, 200), width=2)


def _shore(draw, rng: random.Random, horizon: int, land, tall: bool) -> None:
    """Mangrove or melaleuca shore: a band of rounded crowns on the horizon."""
    for x in range(-40, WIDTH + 40, rng.randint(28, 40)):
        height = rng.randint(40, 150 if tall else 70)
        draw.ellipse([x, horizon - height, x + rng.randint(60, 120), horizon + 20], fill=land)


def _rice_rows(draw, horizon: int) -> None:
    for row in range(8):  # rice rows across the flooded field
        y = horizon + 30 + row * 40
        for x in range(0, WIDTH, 26):
            draw.line([(x, y), (x + 6, y - 18)], fill=(70, 140, 60), width=4)


def _bridge(draw, horizon: int) -> None:
    deck = horizon - 40
    draw.rectangle([0, deck, WIDTH, deck + 18], fill=(230, 230, 225))
    for x in range(100, WIDTH, 260):
        draw.rectangle([x, deck + 18, x + 24, horizon + 60], fill=(200, 200, 195))
    draw.line(
        [(WIDTH // 2 - 300, deck), (WIDTH // 2, deck - 220), (WIDTH // 2 + 300, deck)],
        fill=(245, 245, 240),
        width=10,
    )
    draw.rectangle([WIDTH // 2 - 12, deck - 230, WIDTH // 2 + 12, deck], fill=(240, 240, 235))


def _boats(draw, rng: random.Random, horizon: int, festival: bool) -> None:
    for _boat in range(3 if festival else 1):
        bx, by = rng.randint(200, WIDTH - 400), horizon + rng.randint(60, 220)
        draw.polygon([(bx, by), (bx + 300, by), (bx + 260, by + 50), (bx + 40, by + 50)], fill=(150, 40, 30))
        draw.rectangle([bx + 110, by - 60, bx + 190, by], fill=(240, 230, 210))
        if festival:
            for f in range(5):
                colour = [(218, 37, 29), (255, 205, 0)][f % 2]
                draw.polygon(
                    [(bx + 40 + f * 50, by - 80), (bx + 70 + f * 50, by - 70), (bx + 40 + f * 50, by - 60)],
                    fill=colour,
                )


def demo_image(title: str, alt: str, seed: str, palette: str, kind: str, collection=None) -> Image:
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, description=alt, **({"collection": collection} if collection else {}))
        image.file = ImageFile(io.BytesIO(scene(seed, palette, kind)), name=f"{seed}.jpg")
        image.save()
    return image


def _guess(page: NewsPage) -> tuple[str, str]:
    text = page.title.lower()
    if "lễ hội" in text or "nghinh ông" in text:
        return "morning", "festival"
    if "rừng" in text:
        return "evening", "forest"
    if "tôm" in text or "lúa" in text:
        return "morning", "field"
    if "dịch vụ công" in text or "cầu" in text:
        return "noon", "bridge"
    return random.Random(page.slug).choice(list(PALETTES)), "boat"


def load(progress: Callable[[str], None] = lambda line: None) -> None:
    portal = Agency.objects.filter(kind=Agency.Kind.PROVINCE).exclude(site=None).first()
    if portal is None:
        return
    with transaction.atomic():
        news = NewsIndexPage.objects.child_of(portal.site.root_page).filter(slug="tin-tuc").first()
        if news is not None:
            for date, slug, title, summary, _palette, _kind in EXTRA_NEWS:
                publish_child(
                    news,
                    NewsPage,
                    slug,
                    title=title,
                    date=date,
                    summary=summary,
                    search_description=summary,
                    source="Cổng Thông tin điện tử tỉnh Cà Mau",
                    body=[("paragraph", f"<p>{summary}</p>")],
                )
        kinds = {slug: (palette, kind) for _d, slug, _t, _s, palette, kind in EXTRA_NEWS}
        pictured = 0
        for page in NewsPage.objects.live().filter(featured_image__isnull=True).order_by("path"):
            palette, kind = kinds.get(page.slug) or _guess(page)
            agency = Agency.objects.for_page(page)
            image = demo_image(
                f"Ảnh minh họa: {page.title}"[:255],
                f"Ảnh minh họa cho tin “{page.title}”: phong cảnh sông nước Cà Mau"[:255],
                page.slug,
                palette,
                kind,
                collection=agency.collection if agency and agency.collection_id else None,
            )
            page.featured_image = image
            page.image_caption = f"{CAPTION}: {page.title}"[:255]
            publish(page)
            pictured += 1
    progress(f"  pictures for {pictured} news items")
