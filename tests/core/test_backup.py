"""`klimakreise backup` and `klimakreise restore` with real processes and real data folders:
a backup taken while the app writes, restored into a fresh place, brings back registrations,
cards, files, the personal links already emailed and the API tokens; anything but an empty
target is refused with a clear message."""

import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.core.processes import REPO, environment, klimakreise, postgres_databases, run


def backup_while_writing(source: dict, archive: Path) -> dict:
    """Seed, then back up while another process keeps adding registrations."""
    klimakreise(source, "migrate", "--verbosity=0")
    seeded = json.loads(run(source, "tests.core.backup_world", "seed").stdout)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.core.backup_world", "write", "4"],
        env=source, cwd=REPO, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        # The backup starts only once the writer is writing, however slowly the child starts.
        assert writer.stdout.readline().strip() == "writing"
        klimakreise(source, "backup", str(archive))
    finally:
        assert writer.wait(timeout=60) == 0
    return seeded


def assert_restored(target: dict, archive: Path, seeded: dict) -> None:
    klimakreise(target, "restore", str(archive))
    with tarfile.open(archive) as opened:
        manifest = json.loads(opened.extractfile("manifest.json").read())
    restored = json.loads(run(target, "tests.core.backup_world", "counts").stdout)
    # The snapshot, row for row (the writer was still adding registrations while it was taken).
    assert {k: restored[k] for k in manifest["counts"] if k in restored} == {
        k: v for k, v in manifest["counts"].items() if k in restored
    }
    assert manifest["counts"]["registrations.Registration"] > 1
    # DEBUG, so the pages need no collected static files.
    checking = {**target, "DEBUG": "true"}
    checked = json.loads(
        run(checking, "tests.core.backup_world", "check", stdin=json.dumps(seeded)).stdout
    )
    assert checked == {
        "person": "Ada Beispiel",
        "personal_page": 200,
        "api": 200,
        "card": "Radweg planen",
        "file": seeded["file"],
    }
    assert "registrations" in manifest["migrations"]


def test_a_backup_taken_while_the_app_writes_restores_into_a_fresh_data_folder(tmp_path):
    archive = tmp_path / "sicherung.tar.gz"
    seeded = backup_while_writing(environment(tmp_path / "alt"), archive)

    assert_restored(environment(tmp_path / "neu"), archive, seeded)


def test_restore_refuses_a_data_folder_that_is_in_use(tmp_path):
    archive = tmp_path / "sicherung.tar.gz"
    source = environment(tmp_path / "alt")
    backup_while_writing(source, archive)

    refused = klimakreise(source, "restore", str(archive), check=False)

    assert refused.returncode == 1
    assert "is not empty" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_restore_refuses_a_file_that_is_no_backup_and_a_different_secret_key(tmp_path):
    target = environment(tmp_path / "neu")
    not_a_backup = tmp_path / "notizen.tar.gz"
    with tarfile.open(not_a_backup, "w:gz") as archive:
        archive.add(REPO / "README.md", arcname="README.md")
    refused = klimakreise(target, "restore", str(not_a_backup), check=False)
    assert refused.returncode == 1 and "no Klimakreise backup" in refused.stderr

    archive = tmp_path / "sicherung.tar.gz"
    backup_while_writing(environment(tmp_path / "alt"), archive)
    refused = klimakreise(
        {**target, "SECRET_KEY": "ein-anderer-schluessel"}, "restore", str(archive), check=False
    )
    assert refused.returncode == 1 and "SECRET_KEY" in refused.stderr
    assert not (tmp_path / "neu" / "media").exists()


@pytest.fixture
def two_postgres_databases():
    with postgres_databases("alt", "neu") as urls:
        yield urls


def test_a_postgresql_backup_restores_into_an_empty_database(tmp_path, two_postgres_databases):
    source_url, target_url = two_postgres_databases
    archive = tmp_path / "sicherung.tar.gz"
    seeded = backup_while_writing(environment(tmp_path / "alt", source_url), archive)

    assert_restored(environment(tmp_path / "neu", target_url), archive, seeded)
