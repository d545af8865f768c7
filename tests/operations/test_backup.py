"""Backups and restores of the demo province, on PostgreSQL and on the embedded SQLite (R107, R108)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import uuid
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from operations.backup import DatabaseTarget, backups_to_keep, list_backups
from operations.models import BackupRecord, Outcome, RestoreDrill
from operations.tasks import check_restore_drill
from sites.models import AgencyGroup
from sites.visibility import is_provincial
from tests.conftest import drop_database
from tests.conftest import manage as run_manage


def folder_checksums(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".readyz" not in path.parts
    }


@pytest.fixture
def backup_folders(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "backups")},
        },
    }
    return tmp_path


@pytest.fixture
def scratch_postgres():
    """An empty PostgreSQL database next to the test database, dropped afterwards."""
    source = DatabaseTarget.from_settings()
    if source.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    target = source.with_name(f"{source.name}_restore_{uuid.uuid4().hex[:6]}")
    with source.pg_connect(autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{target.name}"')
    yield target
    with source.pg_connect(autocommit=True) as conn:
        drop_database(conn, target.name)


def url_of(target: DatabaseTarget) -> str:
    return (
        f"postgres://{target.user}:{target.password}@{target.host or '127.0.0.1'}:{target.port}/{target.name}"
    )


@pytest.mark.slow
def test_demo_province_on_postgresql_backs_up_and_restores_equal(
    demo_db, committed_db, demo_media, backup_folders, scratch_postgres, make_user
):
    # The demo world, committed (a transactional test), with its files where this test's media is.
    media = Path(backup_folders / "media")
    shutil.copytree(demo_media, media, dirs_exist_ok=True)
    assert folder_checksums(media), "the demo has media files (documents, images)"
    admin = make_user("province-ops", is_superuser=True)

    out = StringIO()
    call_command("backup", stdout=out)
    name = list_backups()[0]
    assert "tables" in out.getvalue() and "media [" in out.getvalue()  # progress
    record = BackupRecord.objects.get(name=name)
    assert record.outcome == Outcome.SUCCESS and record.rows > 1000

    manifest = json.loads((backup_folders / "backups" / name / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == "postgresql"
    assert manifest["migrations"]["wagtailcore"] and manifest["code_version"]
    assert (backup_folders / "backups" / name / "database.dump").read_bytes()[:5] == b"PGDMP"

    restored_media = backup_folders / "restored-media"
    out = StringIO()
    call_command(
        "restore", name, database_url=url_of(scratch_postgres), media_root=str(restored_media), stdout=out
    )
    assert "equal to the manifest" in out.getvalue()

    # Every row count and every media checksum equal, measured here independently of the command.
    source_counts = DatabaseTarget.from_settings().row_counts()
    restored_counts = scratch_postgres.row_counts()
    assert restored_counts == manifest["tables"]
    differing = {t for t in source_counts if source_counts[t] != restored_counts.get(t)}
    assert differing <= {"operations_backuprecord"}, differing  # the record written after the snapshot
    assert folder_checksums(restored_media) == folder_checksums(media)

    # A second restore into the same (now full) targets is refused without --force.
    with pytest.raises(CommandError, match=r"not empty.*--force"):
        call_command("restore", name, database_url=url_of(scratch_postgres), media_root=str(restored_media))
    call_command(
        "restore", name, database_url=url_of(scratch_postgres), media_root=str(restored_media), force=True,
        stdout=StringIO(),
    )  # fmt: skip
    assert scratch_postgres.row_counts() == manifest["tables"]

    # The drill restores into a scratch database of its own and records the result.
    out = StringIO()
    call_command("restore_drill", operator="Trung tâm Thông tin", stdout=out)
    drill = RestoreDrill.objects.get()
    assert drill.outcome == Outcome.SUCCESS and drill.backup_name == name
    assert drill.tables_compared == len(manifest["tables"]) and drill.files_compared == len(manifest["media"])
    assert drill.duration_seconds > 0 and drill.operator == "Trung tâm Thông tin"

    # The reminder: nothing at 91 days, an alert to the provincial administrators at 93.
    RestoreDrill.objects.update(started_at=timezone.now() - timedelta(days=91))
    mail.outbox.clear()
    assert check_restore_drill() is False and not mail.outbox
    RestoreDrill.objects.update(started_at=timezone.now() - timedelta(days=93))
    assert check_restore_drill() is True
    # The provincial administrators hear of it (ours, and the demo's own superuser), nobody else.
    recipients = {address for message in mail.outbox for address in message.to}
    provincial = {
        user.email
        for user in get_user_model().objects.filter(is_active=True)
        if is_provincial(user, roles=(AgencyGroup.Role.ADMINS,))
    }
    assert admin.email in recipients and recipients <= provincial


def test_damaged_or_encrypted_backups(committed_db, backup_folders, settings, portal):
    from cryptography.fernet import Fernet

    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    call_command("backup", stdout=StringIO())
    name = list_backups()[0]
    stored = backup_folders / "backups" / name
    assert json.loads((stored / "manifest.json").read_text())["encrypted"] is True
    dump_file = next(path for path in stored.iterdir() if path.name.startswith("database."))
    assert b"wagtailcore_page" not in dump_file.read_bytes()  # no readable table names

    call_command("restore_drill", stdout=StringIO())
    drill = RestoreDrill.objects.get()
    assert drill.outcome == Outcome.SUCCESS

    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="cannot be decrypted"):
        call_command("restore_drill", name, stdout=StringIO())
    assert RestoreDrill.objects.filter(outcome=Outcome.FAILURE).count() == 1

    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY"):
        call_command("restore", name, stdout=StringIO())


def test_a_failed_backup_is_recorded_and_alerts_the_provincial_admins(
    db, backup_folders, settings, make_user
):
    admin = make_user("province-ops", is_superuser=True)
    make_user("ward-editor")
    (backup_folders / "lost-mount").write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(backup_folders / "lost-mount" / "backups")},
        },
    }
    with pytest.raises(CommandError, match="Backup failed"):
        call_command("backup", stdout=StringIO())
    record = BackupRecord.objects.get()
    assert record.outcome == Outcome.FAILURE and record.error
    assert [message.to for message in mail.outbox] == [[admin.email]]
    assert record.error in mail.outbox[0].body


def test_retention_keeps_the_newest_of_each_day_and_week():
    def name(days_ago: int, hour: int) -> str:
        moment = timezone.localtime() - timedelta(days=days_ago)
        return "cong-" + moment.replace(hour=hour, minute=0, second=0).strftime("%Y%m%d-%H%M%S")

    names = [name(day, hour) for day in range(60) for hour in (2, 14)]
    keep = backups_to_keep(names, daily=7, weekly=4)
    newest_days = {name(day, 14) for day in range(7)}
    assert newest_days <= keep
    assert len(keep) <= 7 + 4 and not any(n.endswith("-020000") for n in keep)


@pytest.mark.slow
def test_embedded_demo_on_sqlite_backs_up_and_restores_equal(embedded_demo, tmp_path):
    env = embedded_demo.copy_to(tmp_path)  # the demo province as `make demo` leaves it
    env["BACKUP_ROOT"] = str(tmp_path / "backups")

    def manage(*args: str) -> str:
        return run_manage(list(args), env)

    assert "media [" in manage("backup")
    (name,) = [p.name for p in (tmp_path / "backups").iterdir()]
    manifest = json.loads((tmp_path / "backups" / name / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == "sqlite"

    restored = tmp_path / "restored.sqlite3"
    manage(
        "restore",
        name,
        "--database-url",
        f"sqlite:///{restored}",
        "--media-root",
        str(tmp_path / "restored-media"),
    )
    with sqlite3.connect(restored) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    assert counts == manifest["tables"] and sum(counts.values()) > 1000
    assert folder_checksums(tmp_path / "restored-media") == folder_checksums(tmp_path / "media")
    assert "equal to the manifest" in manage("restore_drill")
