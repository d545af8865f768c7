"""Fail when a compiled catalogue (.mo) does not match its source (.po), or a string has no Vietnamese.

Every `locale/<lang>/LC_MESSAGES/django.po` in the project is compiled to a temporary file with
`msgfmt` and compared, entry by entry, with the committed `.mo`: a translation edited without
`make messages` (or a missing .mo) would otherwise ship the old text.

Then `makemessages -l vi` runs on a copy of the tracked files (the working tree is left alone) and every
string it finds must have a Vietnamese translation in one of the committed catalogues: a string added
to the code without one would reach readers and editors in English. Exit 1 names each problem.
"""

from __future__ import annotations

import gettext
import os
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


MAKEMESSAGES_IGNORE = (".venv", ".services", "cms/demo_seeds", "tests")


def _msgids(po: Path, translated: bool) -> set[str]:
    flag = "--translated" if translated else "--untranslated"
    result = subprocess.run(
        ["msgattrib", flag, "--no-obsolete", "--no-fuzzy", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    found, current = set(), None
    for line in result.stdout.splitlines():
        if line.startswith("msgid "):
            current = line[len('msgid "') : -1]
        elif line.startswith("msgstr") and current:
            found.add(current)
            current = None
    return found


def untranslated_strings(root: Path = ROOT) -> list[str]:
    """Strings the code uses that no committed Vietnamese catalogue translates."""
    translated: set[str] = set()
    for po in root.rglob("vi/LC_MESSAGES/django.po"):
        if not SKIP & set(po.relative_to(root).parts):
            translated |= _msgids(po, translated=True)
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for name in filter(None, tracked.decode().split("\0")):
            source, target = root / name, copy / name
            if source.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(source.read_bytes())
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": "sqlite:///:memory:",
            "REDIS_URL": "",
            "SEARCH_URL": "",
        }
        ignores = [f"--ignore={path}" for path in MAKEMESSAGES_IGNORE]
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "vi", *ignores],
            cwd=copy,
            env=env,
            capture_output=True,
            check=True,
        )
        missing = set()
        for po in copy.rglob("vi/LC_MESSAGES/django.po"):
            missing |= _msgids(po, translated=False)
    return [
        f"no Vietnamese for “{msgid}” (run `make messages`, then translate)"
        for msgid in sorted(missing - translated)
    ]


if __name__ == "__main__":
    found = stale_catalogues()
    if "--stale-only" not in sys.argv:
        found += untranslated_strings()
    for line in found:
        print(line, file=sys.stderr)
    print(
        f"messages: {'stale' if found else 'catalogues compiled and every string translated'} ({len(found)} problem(s))"
    )
    sys.exit(1 if found else 0)
