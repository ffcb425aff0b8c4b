"""Keep a parsed import file between the steps (columns → report → import).

The rows go to a JSON file under DATA_DIR/imports named by a random token; the file also names
the edition and the user, so nobody else can continue (or read) someone's import. Stashes older
than a day are removed whenever a new one is made.
"""

import json
import re
import secrets
import time
from pathlib import Path

from django.conf import settings

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
MAX_AGE_SECONDS = 24 * 3600


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _path(token: str) -> Path | None:
    return _folder() / f"{token}.json" if TOKEN_PATTERN.match(token or "") else None


def create_stash(*, edition, user, filename: str, headers, rows) -> str:
    _remove_old()
    token = secrets.token_urlsafe(32)
    data = {
        "edition": edition.pk,
        "user": user.pk,
        "filename": filename,
        "headers": headers,
        "rows": rows,
        "mapping": None,
        "options": {},
    }
    _write(_path(token), data)
    return token


def load_stash(token: str, *, edition, user) -> dict | None:
    """The stash if it exists and belongs to this edition and user, else None."""
    path = _path(token)
    if path is None or not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("edition") != edition.pk or data.get("user") != user.pk:
        return None
    return data


def save_stash(token: str, data: dict) -> None:
    if (path := _path(token)) is not None:
        _write(path, data)


def discard_stash(token: str) -> None:
    if (path := _path(token)) is not None:
        path.unlink(missing_ok=True)


def _write(path: Path, data: dict) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    temporary.chmod(0o600)
    temporary.replace(path)


def _remove_old() -> None:
    limit = time.time() - MAX_AGE_SECONDS
    for path in _folder().glob("*.json"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            continue
