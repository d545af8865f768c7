"""Screenshots of the demo for docs/screenshots/ (portal home, ward home, legal document, procedure,
the English portal home; desktop 1366 px and mobile 390 px), taken with Debian's chromium through
Playwright and stored as 256-colour PNGs (they are committed).

    PORT=8000 make demo            # in another shell
    python scripts/screenshots.py  # BASE_PORT=8000 by default
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

PORT = os.environ.get("BASE_PORT", os.environ.get("PORT", "8000"))
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PAGES = {
    "portal-home": f"http://camau.localhost:{PORT}/",
    "ward-home": f"http://anxuyen.camau.localhost:{PORT}/",
    "legal-document": f"http://camau.localhost:{PORT}/van-ban/qd-68-2026-qd-ubnd/",
    "procedure": f"http://anxuyen.camau.localhost:{PORT}/thu-tuc-hanh-chinh/dang-ky-khai-sinh/",
    "english-home": f"http://camau.localhost:{PORT}/en/",
}
VIEWPORTS = {"desktop": (1366, 900), "mobile": (390, 844)}


def compress(path: Path) -> None:
    """A 256-colour palette keeps text sharp at a third of the size of the full-colour capture."""
    with Image.open(path) as shot:
        small = shot.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    small.save(path, optimize=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), headless=True)
        for device, (width, height) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
            page = context.new_page()
            for name, url in PAGES.items():
                page.goto(url, wait_until="networkidle")
                path = OUT / f"{name}-{device}.png"
                page.screenshot(path=str(path), full_page=False)
                compress(path)
                print(f"{path.relative_to(OUT.parent.parent)}  {url}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
