"""Backups and restores of the whole portal: database, media files and a manifest (R107, R108).

A backup is a folder ``cong-YYYYmmdd-HHMMSS/`` in the *backups* storage (``STORAGES["backups"]``: a
local folder by default, an S3-compatible bucket through django-storages in production) holding

* ``database.dump`` (``pg_dump`` custom format, taken in the same snapshot as the row counts) or
  ``database.sqlite3`` (SQLite's online backup API);
* ``media/<sha256>``: each media file once, named by its content;
* ``manifest.json``: row counts per table, the SHA-256 and size of the dump and of every media file
  (by its path), the code version and the last applied migration of every app.

With ``BACKUP_ENCRYPTION_KEY`` (a Fernet key) every stored file except the manifest is encrypted in
16 MiB frames; the checksums are those of the plain content, so a restore proves the decryption too.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import dj_database_url
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage, storages
from django.db import connections
from django.utils import timezone

Progress = Callable[[str], None]
MANIFEST = "manifest.json"
PREFIX = "cong-"
FORMAT = "cong-backup/1"
FRAME = 16 * 1024 * 1024
CHUNK = 1024 * 1024
# Files the portal writes for itself and never restores (readiness probes).
SKIPPED_MEDIA = (".readyz/",)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in a sentence."""


def _quiet(_message: str) -> None:
    pass


# --- Where backups live, and with which key --------------------------------------------------------


def backup_storage() -> Storage:
    return storages["backups"]


def encryption_key() -> bytes | None:
    key = getattr(settings, "BACKUP_ENCRYPTION_KEY", "")
    return key.encode() if key else None


def _fernet(key: bytes):
    from cryptography.fernet import Fernet

    return Fernet(key)


def write_frames(source: IO[bytes], target: IO[bytes], key: bytes | None) -> tuple[str, int]:
    """Copy ``source`` to ``target`` (encrypted in frames with ``key``); SHA-256 and size of the plain bytes."""
    digest, size = hashlib.sha256(), 0
    fernet = _fernet(key) if key else None
    while chunk := source.read(FRAME if fernet else CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if fernet:
            token = fernet.encrypt(chunk)
            target.write(len(token).to_bytes(4, "big") + token)
        else:
            target.write(chunk)
    return digest.hexdigest(), size


def read_frames(source: IO[bytes], key: bytes | None) -> Iterator[bytes]:
    """The plain bytes of a stored file, decrypting its frames with ``key`` when it was encrypted."""
    if key is None:
        while chunk := source.read(CHUNK):
            yield chunk
        return
    from cryptography.fernet import InvalidToken

    fernet = _fernet(key)
    while header := source.read(4):
        token = source.read(int.from_bytes(header, "big"))
        try:
            yield fernet.decrypt(token)
        except InvalidToken as error:
            raise BackupError("The backup cannot be decrypted with BACKUP_ENCRYPTION_KEY.") from error


# --- Databases as files -------------------------------------------------------------------------------


@dataclass
class DatabaseTarget:
    """A database reached outside Django's connection: PostgreSQL parameters or an SQLite file."""

    vendor: str
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, alias: str = "default") -> DatabaseTarget:
        conf = connections[alias].settings_dict
        vendor = (
            "postgresql" if "postgresql" in conf["ENGINE"] else "sqlite" if "sqlite" in conf["ENGINE"] else ""
        )
        if not vendor:
            raise BackupError(f"Backups support PostgreSQL and SQLite, not {conf['ENGINE']}.")
        return cls(
            vendor,
            str(conf["NAME"]),
            conf.get("HOST") or "",
            str(conf.get("PORT") or ""),
            conf.get("USER") or "",
            conf.get("PASSWORD") or "",
        )

    @classmethod
    def from_url(cls, url: str) -> DatabaseTarget:
        conf = dj_database_url.parse(url)
        vendor = "postgresql" if "postgresql" in conf["ENGINE"] else "sqlite"
        return cls(
            vendor,
            str(conf["NAME"]),
            conf.get("HOST") or "",
            str(conf.get("PORT") or ""),
            conf.get("USER") or "",
            conf.get("PASSWORD") or "",
        )

    def with_name(self, name: str) -> DatabaseTarget:
        return DatabaseTarget(self.vendor, name, self.host, self.port, self.user, self.password)

    # PostgreSQL
    def pg_env(self) -> dict[str, str]:
        env = {**os.environ, "PGHOST": self.host or "127.0.0.1", "PGPORT": self.port or "5432"}
        env.update({"PGUSER": self.user, "PGDATABASE": self.name})
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def pg_connect(self, dbname: str | None = None, autocommit: bool = False):
        import psycopg

        return psycopg.connect(
            host=self.host or "127.0.0.1",
            port=self.port or "5432",
            user=self.user,
            password=self.password,
            dbname=dbname or self.name,
            autocommit=autocommit,
            connect_timeout=10,
        )

    def tables(self) -> list[str]:
        if self.vendor == "postgresql":
            with self.pg_connect() as conn:
                return _pg_tables(conn)
        if not Path(self.name).exists():
            return []
        with _sqlite(self.name) as conn:
            return _sqlite_tables(conn)

    def row_counts(self) -> dict[str, int]:
        if self.vendor == "postgresql":
            with self.pg_connect() as conn:
                return _pg_counts(conn)
        with _sqlite(self.name) as conn:
            return _sqlite_counts(conn)


def _pg_tables(conn) -> list[str]:
    rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    return [row[0] for row in rows]


def _pg_counts(conn) -> dict[str, int]:
    from psycopg import sql

    counts = {}
    for table in _pg_tables(conn):
        counts[table] = conn.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()[0]
    return counts


def _sqlite(path: str) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(path))


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [row[0] for row in rows]


def _sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        table: conn.execute(f'SELECT count(*) FROM "{table.replace(chr(34), chr(34) * 2)}"').fetchone()[0]
        for table in _sqlite_tables(conn)
    }


def pg_tool(name: str) -> str:
    """The pg_dump/pg_restore binary; the major version must be the server's (or newer for pg_dump)."""
    binary = shutil.which(name)
    if binary is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return binary


def check_pg_versions(target: DatabaseTarget) -> str:
    output = subprocess.run(
        [pg_tool("pg_dump"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    client_major = int(output.split()[-1].split(".")[0])
    with target.pg_connect() as conn:
        server_major = int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000
    if client_major < server_major:
        raise BackupError(
            f"pg_dump {client_major} cannot dump a PostgreSQL {server_major} server; install the "
            f"PostgreSQL {server_major} client."
        )
    return f"pg_dump {client_major}, server {server_major}"


def dump_database(source: DatabaseTarget, folder: Path, progress: Progress) -> tuple[Path, dict[str, int]]:
    """The dump file and the row counts of exactly the data it holds."""
    if source.vendor == "postgresql":
        progress(f"  database: PostgreSQL {source.name} ({check_pg_versions(source)})")
        path = folder / "database.dump"
        with source.pg_connect() as conn:
            # One snapshot for the counts and the dump: rows written meanwhile are in neither.
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            counts = _pg_counts(conn)
            result = subprocess.run(
                [
                    pg_tool("pg_dump"),
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--file={path}",
                    "--no-owner",
                ],
                env=source.pg_env(),
                capture_output=True,
                text=True,
            )
            conn.rollback()
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()[:500]}")
        return path, counts
    progress(f"  database: SQLite {source.name}")
    path = folder / "database.sqlite3"
    with _sqlite(source.name) as live, _sqlite(str(path)) as copy:
        live.backup(copy, pages=1024)
        counts = _sqlite_counts(copy)
        copy.commit()
    return path, counts


def load_database(target: DatabaseTarget, dump: Path, *, replace: bool) -> None:
    if target.vendor == "postgresql":
        if replace:
            with target.pg_connect(autocommit=True) as conn:
                conn.execute("DROP SCHEMA public CASCADE")
                conn.execute("CREATE SCHEMA public")
        result = subprocess.run(
            [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={target.name}",
             str(dump)],
            env=target.pg_env(), capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()[:500]}")
        return
    Path(target.name).parent.mkdir(parents=True, exist_ok=True)
    with _sqlite(str(dump)) as source, _sqlite(target.name) as copy:
        source.backup(copy)


# --- Media --------------------------------------------------------------------------------------------


def media_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file of a storage, recursively, in a stable order."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        path = f"{folder}/{name}" if folder else name
        if not path.startswith(SKIPPED_MEDIA):
            yield path
    for name in sorted(directories):
        path = f"{folder}/{name}" if folder else name
        if not f"{path}/".startswith(SKIPPED_MEDIA):
            yield from media_files(storage, path)


def file_checksum(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- Backup -------------------------------------------------------------------------------------------


@dataclass
class BackupResult:
    name: str
    manifest: dict[str, Any]
    size: int


def code_version() -> str:
    configured = os.environ.get("CONG_VERSION", "")
    if configured:
        return configured
    try:
        result = subprocess.run(
            ["git", "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return result.stdout.strip() if result.returncode == 0 else "unknown"


def applied_migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in (
        MigrationRecorder(connections["default"])
        .migration_qs.order_by("applied", "id")
        .values_list("app", "name")
    ):
        latest[app] = name
    return dict(sorted(latest.items()))


def _save(storage: Storage, name: str, path: Path) -> None:
    with path.open("rb") as handle:
        saved = storage.save(name, File(handle))
    if saved != name:
        storage.delete(saved)
        raise BackupError(f"The backup storage renamed {name} to {saved}; a backup folder must be new.")


def create_backup(
    progress: Progress = _quiet, *, encrypt: bool | None = None, now: datetime | None = None
) -> BackupResult:
    """Write a complete backup to the backups storage and return its manifest."""
    storage = backup_storage()
    key = encryption_key()
    if encrypt and key is None:
        raise BackupError("Encryption was asked for but BACKUP_ENCRYPTION_KEY is not set.")
    if encrypt is False:
        key = None
    now = now or timezone.now()
    name = PREFIX + timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
    if storage.exists(f"{name}/{MANIFEST}"):
        raise BackupError(f"A backup named {name} already exists.")
    source = DatabaseTarget.from_settings()
    progress(f"Backup {name} → {_describe(storage)}{' (encrypted)' if key else ''}")
    size = 0
    with tempfile.TemporaryDirectory(prefix="cong-backup-") as scratch:
        folder = Path(scratch)
        dump, counts = dump_database(source, folder, progress)
        progress(f"  {len(counts)} tables, {sum(counts.values())} rows")
        stored = folder / "stored"
        with dump.open("rb") as plain, stored.open("wb") as out:
            dump_sha, dump_size = write_frames(plain, out, key)
        _save(storage, f"{name}/{dump.name}", stored)
        size += stored.stat().st_size

        media: dict[str, dict[str, Any]] = {}
        saved_blobs: set[str] = set()
        paths = list(media_files(default_storage))
        for number, path in enumerate(paths, 1):
            with default_storage.open(path, "rb") as handle, stored.open("wb") as out:
                sha, file_size = write_frames(handle, out, key)
            media[path] = {"sha256": sha, "size": file_size}
            if sha not in saved_blobs:
                _save(storage, f"{name}/media/{sha}", stored)
                size += stored.stat().st_size
                saved_blobs.add(sha)
            if number == len(paths) or number % 50 == 0:
                progress(f"  media [{number}/{len(paths)}]")

    manifest = {
        "format": FORMAT,
        "name": name,
        "created_at": now.isoformat(),
        "encrypted": key is not None,
        "database": {"vendor": source.vendor, "file": dump.name, "sha256": dump_sha, "size": dump_size},
        "tables": counts,
        "media": media,
        "code_version": code_version(),
        "migrations": applied_migrations(),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=1, sort_keys=True)
    try:
        # The manifest goes last: a folder without one is an unfinished backup.
        _save(storage, f"{name}/{MANIFEST}", Path(handle.name))
    finally:
        os.unlink(handle.name)
    progress(f"  {len(media)} media files, {size} bytes stored")
    return BackupResult(name, manifest, size)


def _describe(storage: Storage) -> str:
    location = getattr(storage, "location", None) or getattr(storage, "bucket_name", "")
    return f"{type(storage).__name__} {location}".strip()


# --- Listing and retention ---------------------------------------------------------------------------


def backup_time(name: str) -> datetime | None:
    try:
        naive = datetime.strptime(name[len(PREFIX) :], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return timezone.make_aware(naive)


def list_backups(storage: Storage | None = None, *, complete_only: bool = True) -> list[str]:
    """Backup names, newest first."""
    storage = storage or backup_storage()
    try:
        directories, _files = storage.listdir("")
    except FileNotFoundError:
        return []
    names = [name for name in directories if name.startswith(PREFIX) and backup_time(name) is not None]
    if complete_only:
        names = [name for name in names if storage.exists(f"{name}/{MANIFEST}")]
    return sorted(names, key=backup_time, reverse=True)


def backups_to_keep(names: list[str], daily: int, weekly: int) -> set[str]:
    """The newest backup of each of the last ``daily`` days and ``weekly`` ISO weeks that have one."""
    keep: set[str] = set()
    days: dict[Any, str] = {}
    weeks: dict[Any, str] = {}
    for name in sorted(names, key=backup_time, reverse=True):
        moment = timezone.localtime(backup_time(name))
        days.setdefault(moment.date(), name)
        weeks.setdefault(moment.isocalendar()[:2], name)
    keep.update(list(days.values())[:daily])
    keep.update(list(weeks.values())[:weekly])
    return keep


def delete_backup(name: str, storage: Storage | None = None) -> None:
    storage = storage or backup_storage()
    for path in list(media_files(storage, name)):
        storage.delete(path)
    location = getattr(storage, "location", None)
    if location:  # a folder storage leaves empty directories behind
        shutil.rmtree(Path(location) / name, ignore_errors=True)


def apply_retention(daily: int, weekly: int, progress: Progress = _quiet) -> list[str]:
    """Delete backups beyond the retention (and unfinished ones older than a day); the names deleted."""
    storage = backup_storage()
    complete = list_backups(storage)
    keep = backups_to_keep(complete, daily, weekly)
    deleted = []
    for name in list_backups(storage, complete_only=False):
        unfinished = name not in complete
        old = timezone.now() - backup_time(name) > timezone.timedelta(days=1)
        if (unfinished and old) or (not unfinished and name not in keep):
            delete_backup(name, storage)
            deleted.append(name)
            progress(f"  retention: deleted {name}")
    return deleted


# --- Restore ------------------------------------------------------------------------------------------


@dataclass
class RestoreReport:
    name: str
    tables_compared: int = 0
    files_compared: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


def load_manifest(name: str, storage: Storage | None = None) -> dict[str, Any]:
    storage = storage or backup_storage()
    if not storage.exists(f"{name}/{MANIFEST}"):
        raise BackupError(f"No complete backup named {name} (its manifest is missing).")
    with storage.open(f"{name}/{MANIFEST}", "rb") as handle:
        manifest = json.loads(handle.read().decode("utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{name} is not a backup this version can read ({manifest.get('format')}).")
    return manifest


def _key_for(manifest: dict[str, Any]) -> bytes | None:
    if not manifest["encrypted"]:
        return None
    key = encryption_key()
    if key is None:
        raise BackupError("This backup is encrypted; set BACKUP_ENCRYPTION_KEY to the key it was made with.")
    return key


def fetch(storage: Storage, name: str, key: bytes | None, target: Path) -> str:
    """Decrypt a stored file into ``target``; the SHA-256 of its plain content."""
    digest = hashlib.sha256()
    with storage.open(name, "rb") as source, target.open("wb") as out:
        for chunk in read_frames(source, key):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def verify_backup(name: str, progress: Progress = _quiet) -> list[str]:
    """Every stored file matches the manifest's checksum (decrypting on the way)."""
    storage = backup_storage()
    manifest = load_manifest(name, storage)
    key = _key_for(manifest)
    problems = []
    with tempfile.TemporaryDirectory(prefix="cong-verify-") as scratch:
        scratch_file = Path(scratch) / "file"
        database = manifest["database"]
        if fetch(storage, f"{name}/{database['file']}", key, scratch_file) != database["sha256"]:
            problems.append(f"{database['file']}: checksum differs from the manifest")
        blobs = sorted({entry["sha256"] for entry in manifest["media"].values()})
        for number, sha in enumerate(blobs, 1):
            stored = f"{name}/media/{sha}"
            if not storage.exists(stored):
                problems.append(f"media/{sha}: missing")
            elif fetch(storage, stored, key, scratch_file) != sha:
                problems.append(f"media/{sha}: checksum differs from the manifest")
            if number == len(blobs) or number % 50 == 0:
                progress(f"  verified media [{number}/{len(blobs)}]")
    return problems


def target_is_empty(target: DatabaseTarget, media: Storage) -> list[str]:
    """What already holds data in the target (empty list: safe to restore into)."""
    occupied = []
    tables = target.tables()
    if tables:
        occupied.append(f"the database {target.name} has {len(tables)} tables")
    files = next(media_files(media), None)
    if files is not None:
        occupied.append(f"the media folder already holds files (e.g. {files})")
    return occupied


def restore_backup(
    name: str,
    *,
    target: DatabaseTarget | None = None,
    media: Storage | None = None,
    force: bool = False,
    progress: Progress = _quiet,
) -> RestoreReport:
    """Restore ``name`` into an empty database and media storage, checking the manifest before and after."""
    started = time.monotonic()
    storage = backup_storage()
    target = target or DatabaseTarget.from_settings()
    media = media or default_storage
    manifest = load_manifest(name, storage)
    report = RestoreReport(name)
    key = _key_for(manifest)
    if manifest["database"]["vendor"] != target.vendor:
        raise BackupError(
            f"{name} holds a {manifest['database']['vendor']} database; the target is {target.vendor}."
        )
    occupied = target_is_empty(target, media)
    if occupied and not force:
        raise BackupError(
            "The target is not empty: " + "; ".join(occupied) + ". Use --force to overwrite it."
        )

    progress(f"Restore {name}: verifying the backup…")
    problems = verify_backup(name, progress)
    if problems:
        raise BackupError(f"{name} is damaged: " + "; ".join(problems[:5]))
    connections.close_all()
    with tempfile.TemporaryDirectory(prefix="cong-restore-") as scratch:
        dump = Path(scratch) / manifest["database"]["file"]
        fetch(storage, f"{name}/{manifest['database']['file']}", key, dump)
        progress(f"  database → {target.vendor} {target.name}")
        if target.vendor == "sqlite" and force and Path(target.name).exists():
            Path(target.name).unlink()
        load_database(target, dump, replace=bool(occupied))
        paths = sorted(manifest["media"])
        blob = Path(scratch) / "blob"
        for number, path in enumerate(paths, 1):
            fetch(storage, f"{name}/media/{manifest['media'][path]['sha256']}", key, blob)
            if media.exists(path):
                media.delete(path)
            with blob.open("rb") as handle:
                saved = media.save(path, File(handle))
            if saved != path:
                report.problems.append(f"media {path} was stored as {saved}")
            if number == len(paths) or number % 50 == 0:
                progress(f"  media [{number}/{len(paths)}]")

    progress("  comparing with the manifest…")
    report.problems += compare(manifest, target, media, report)
    report.seconds = time.monotonic() - started
    return report


def compare(
    manifest: dict[str, Any], target: DatabaseTarget, media: Storage, report: RestoreReport
) -> list[str]:
    problems = []
    counts = target.row_counts()
    for table, expected in sorted(manifest["tables"].items()):
        actual = counts.get(table)
        if actual != expected:
            problems.append(f"table {table}: {actual} rows, the backup has {expected}")
    report.tables_compared = len(manifest["tables"])
    for path, entry in sorted(manifest["media"].items()):
        if not media.exists(path):
            problems.append(f"media {path}: missing")
        elif file_checksum(media, path) != entry["sha256"]:
            problems.append(f"media {path}: checksum differs")
    report.files_compared = len(manifest["media"])
    return problems


# --- The recorded job (command and Celery beat) ----------------------------------------------------------


def run_backup(progress: Progress = _quiet, *, encrypt: bool | None = None, daily: int | None = None,
               weekly: int | None = None):  # fmt: skip
    """Back up, apply the retention, record the run; a failure alerts the provincial administrators."""
    from .alerts import alert_provincial_admins
    from .models import BackupRecord, Outcome

    daily = settings.BACKUP_KEEP_DAILY if daily is None else daily
    weekly = settings.BACKUP_KEEP_WEEKLY if weekly is None else weekly
    record = BackupRecord.objects.create(
        name="", started_at=timezone.now(), location=_describe(backup_storage())
    )
    try:
        result = create_backup(progress, encrypt=encrypt, now=record.started_at)
        apply_retention(daily, weekly, progress)
    except Exception as error:  # every failure, whatever its kind, must reach the administrators
        record.outcome, record.error = Outcome.FAILURE, str(error)[:5000] or type(error).__name__
        record.finished_at = timezone.now()
        record.save()
        alert_provincial_admins(
            "backup_failed",
            {
                "name": record.name or "?",
                "started": timezone.localtime(record.started_at),
                "error": record.error,
            },
        )
        raise
    manifest = result.manifest
    record.name = result.name
    record.outcome = Outcome.SUCCESS
    record.finished_at = timezone.now()
    record.database_vendor = manifest["database"]["vendor"]
    record.tables = len(manifest["tables"])
    record.rows = sum(manifest["tables"].values())
    record.media_files = len(manifest["media"])
    record.size_bytes = result.size
    record.encrypted = manifest["encrypted"]
    record.save()
    return record
