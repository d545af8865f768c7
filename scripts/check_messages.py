"""Fail when a compiled catalogue (.mo) does not match its source (.po).

Every `locale/<lang>/LC_MESSAGES/django.po` in the project is compiled to a temporary file with
`msgfmt` and compared, entry by entry, with the committed `.mo`: a translation edited without
`make messages` (or a missing .mo) would otherwise ship the old text. Exit 1 names each stale file.
"""

from __future__ import annotations

import gettext
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", ".services", ".git", "node_modules"}


def catalogue(mo: Path) -> dict:
    with mo.open("rb") as handle:
        entries = dict(gettext.GNUTranslations(handle)._catalog)
    entries.pop("", None)  # the header (revision dates, generator) is not a translation
    return entries


def stale_catalogues(root: Path = ROOT) -> list[str]:
    problems = []
    for po in sorted(root.rglob("LC_MESSAGES/*.po")):
        if SKIP & set(po.relative_to(root).parts):
            continue
        mo = po.with_suffix(".mo")
        rel = po.relative_to(root)
        if not mo.exists():
            problems.append(f"{rel}: no compiled {mo.name}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "fresh.mo"
            result = subprocess.run(
                ["msgfmt", "--check-format", "-o", str(fresh), str(po)], capture_output=True, text=True
            )
            if result.returncode:
                problems.append(f"{rel}: msgfmt refused it: {result.stderr.strip()}")
                continue
            if catalogue(fresh) != catalogue(mo):
                problems.append(f"{rel}: {mo.name} is out of date (run `make messages`)")
    return problems


if __name__ == "__main__":
    found = stale_catalogues()
    for line in found:
        print(line, file=sys.stderr)
    print(f"messages: {'stale' if found else 'compiled catalogues are current'} ({len(found)} problem(s))")
    sys.exit(1 if found else 0)
