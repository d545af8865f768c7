"""Restore drills (R108): restore the latest backup into a scratch database and folder, compare."""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from .backup import BackupError, DatabaseTarget, Progress, list_backups, restore_backup
from .models import Outcome, RestoreDrill

# CM26 Art 20.6.e: restore tests at least every three months; the alert fires after 92 days.
DRILL_INTERVAL_DAYS = 92


def _quiet(_message: str) -> None:
    pass


def run_drill(name: str | None = None, *, operator: str = "", progress: Progress = _quiet) -> RestoreDrill:
    """Restore ``name`` (the latest backup by default) into scratch targets; record the result."""
    started_at, started = timezone.now(), time.monotonic()
    drill = RestoreDrill.objects.create(
        backup_name=name or "", started_at=started_at, operator=operator[:150]
    )
    source = DatabaseTarget.from_settings()
    scratch_folder = Path(tempfile.mkdtemp(prefix="cong-drill-"))
    scratch_db = None
    try:
        if name is None:
            backups = list_backups()
            if not backups:
                raise BackupError("There is no backup to drill with; run manage.py backup first.")
            name = backups[0]
            drill.backup_name = name
        if source.vendor == "postgresql":
            scratch_db = source.with_name(f"{source.name}_drill_{uuid.uuid4().hex[:8]}")
            with source.pg_connect(autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{scratch_db.name}"')
        else:
            scratch_db = source.with_name(str(scratch_folder / "drill.sqlite3"))
        progress(f"Drill: {name} → {scratch_db.name} and {scratch_folder / 'media'}")
        report = restore_backup(
            name,
            target=scratch_db,
            media=FileSystemStorage(location=scratch_folder / "media"),
            progress=progress,
        )
        drill.tables_compared, drill.files_compared = report.tables_compared, report.files_compared
        drill.outcome = Outcome.SUCCESS if report.ok else Outcome.FAILURE
        drill.details = "\n".join(report.problems) or (
            f"{report.tables_compared} tables and {report.files_compared} media files equal to the manifest."
        )
    except BackupError as error:
        drill.outcome, drill.details = Outcome.FAILURE, str(error)
    finally:
        if scratch_db is not None and source.vendor == "postgresql":
            with source.pg_connect(autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{scratch_db.name}" WITH (FORCE)')
        shutil.rmtree(scratch_folder, ignore_errors=True)
        drill.duration_seconds = time.monotonic() - started
        drill.save()
    return drill


def last_successful_drill() -> RestoreDrill | None:
    return RestoreDrill.objects.filter(outcome=Outcome.SUCCESS).order_by("-started_at").first()


def drill_overdue(now=None) -> bool:
    """No successful drill within the last 92 days (or none ever)."""
    last = last_successful_drill()
    now = now or timezone.now()
    return last is None or now - last.started_at > timedelta(days=DRILL_INTERVAL_DAYS)
