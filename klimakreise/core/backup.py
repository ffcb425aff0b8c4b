"""One archive holds everything an installation needs to come back: the database, the uploaded
files, the secret key and a manifest. `klimakreise backup FILE` writes it, `klimakreise restore
FILE` brings it back into an empty data folder or an empty database.

The database is a consistent snapshot taken while the app runs: SQLite through its online backup
API (what is still in the write-ahead log is included), PostgreSQL as Django's JSON dump read in
one REPEATABLE READ transaction (one snapshot of every table, without needing pg_dump). The
secret key is in the archive because personal links already emailed and the sessions are signed
with it: restored without it, every link people hold would stop working.
"""

import io
import json
import sqlite3
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

import klimakreise

FORMAT = 1
SQLITE_MEMBER, JSON_MEMBER = "database.sqlite3", "database.json"
# Rebuilt by migrate on restore; their ids differ between databases.
NOT_DUMPED = ["contenttypes", "auth.permission", "admin.logentry"]


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for the operator."""


def is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def write_backup(target: Path) -> dict:
    """Write the archive to `target` (through a temporary file, so a failed backup leaves no
    half-written archive); returns the manifest."""
    target = Path(target)
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / (SQLITE_MEMBER if is_sqlite() else JSON_MEMBER)
        manifest = _snapshot_database(database)
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            _add_bytes(archive, "secret_key", settings.SECRET_KEY.encode())
            archive.add(database, arcname=database.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                archive.add(media, arcname="media")
        partial.replace(target)
    return manifest


def _snapshot_database(path: Path) -> dict:
    if is_sqlite():
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        with sqlite3.connect(path) as copy:
            return _manifest(_sqlite_counts(copy), _sqlite_migrations(copy))
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with path.open("w", encoding="utf-8") as out:
            call_command(
                "dumpdata", exclude=NOT_DUMPED, natural_foreign=True, stdout=out, verbosity=0
            )
        return _manifest(_orm_counts(), _orm_migrations())


def _manifest(counts: dict, migrations: dict) -> dict:
    return {
        "format": FORMAT,
        "klimakreise": getattr(klimakreise, "__version__", "0.1.0"),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "migrations": migrations,
        "counts": counts,
    }


def _orm_counts() -> dict:
    return {m._meta.label: m._default_manager.count() for m in _models()}


def _orm_migrations() -> dict:
    applied = MigrationRecorder(connection).applied_migrations()
    return _by_app(applied)


def _sqlite_counts(copy) -> dict:
    counts = {}
    for model in _models():
        (count,) = copy.execute(f'SELECT COUNT(*) FROM "{model._meta.db_table}"').fetchone()  # noqa: S608 (table names from the models)
        counts[model._meta.label] = count
    return counts


def _sqlite_migrations(copy) -> dict:
    return _by_app(copy.execute("SELECT app, name FROM django_migrations").fetchall())


def _by_app(pairs) -> dict:
    result: dict[str, list[str]] = {}
    for app, name in sorted(pairs):
        result.setdefault(app, []).append(name)
    return result


def _models():
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def restore_backup(source: Path, *, secret_key_from_environment: str = "") -> dict:
    """Bring the archive back into this installation's empty data folder or empty database;
    returns the manifest. Refuses (BackupError), changing nothing, when anything is in the way."""
    with tarfile.open(source, "r:gz") as archive:
        manifest = _read_manifest(archive)
        database = _database_member(archive, manifest)
        secret_key = archive.extractfile("secret_key").read().decode().strip()
        _check_restorable(database.name, secret_key, secret_key_from_environment)
        with tempfile.TemporaryDirectory() as work:
            archive.extract(database, work, **SAFE)
            _restore_database(Path(work) / database.name)
        media = _media(archive)  # checked: plain files and folders below media/ only
        archive.extractall(Path(settings.MEDIA_ROOT).parent, members=media, **SAFE)  # noqa: S202
    if not secret_key_from_environment:
        key_file = Path(settings.DATA_DIR) / "secret_key"
        key_file.write_text(secret_key)
        key_file.chmod(0o600)
    return manifest


# Python's own check of archive members where it has one (3.11.4 and later; Debian 12 has 3.11.2),
# besides ours in _media().
SAFE = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}


def _media(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """The uploaded files of the archive: plain files and folders below media/, nothing else."""
    members = []
    for member in archive.getmembers():
        parts = Path(member.name).parts
        if not parts or parts[0] != "media":
            continue
        if ".." in parts or member.name.startswith("/") or not (member.isfile() or member.isdir()):
            raise BackupError(f"The backup holds an unsafe entry: {member.name!r}.")
        members.append(member)
    return members


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.loads(archive.extractfile("manifest.json").read())
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError("This file is no Klimakreise backup (no readable manifest).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _database_member(archive: tarfile.TarFile, manifest: dict) -> tarfile.TarInfo:
    name = SQLITE_MEMBER if manifest["database"] == "sqlite" else JSON_MEMBER
    try:
        return archive.getmember(name)
    except KeyError as error:
        raise BackupError(f"The backup has no {name}.") from error


def _check_restorable(database: str, secret_key: str, secret_key_from_environment: str) -> None:
    if connection.introspection.table_names():
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty: restore only into "
            "a new, empty database."
        )
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir() and any(media.iterdir()):
        raise BackupError(f"The folder {media} is not empty: restore only into a new data folder.")
    if database == SQLITE_MEMBER and not is_sqlite():
        raise BackupError(
            "This backup holds a SQLite database; restore it with SQLite (DATABASE_URL unset)."
        )
    if secret_key_from_environment and secret_key_from_environment != secret_key:
        raise BackupError(
            "SECRET_KEY is set to another key than the backup's: every personal link already "
            "emailed would stop working. Unset SECRET_KEY or set it to the backup's key."
        )


def _restore_database(dump: Path) -> None:
    if dump.name == SQLITE_MEMBER:
        connection.close()
        Path(settings.DATABASES["default"]["NAME"]).write_bytes(dump.read_bytes())
        call_command("migrate", verbosity=0)  # a backup of an older version is brought up to date
        return
    call_command("migrate", verbosity=0)
    call_command("loaddata", str(dump), verbosity=0)
