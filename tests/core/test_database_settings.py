import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from klimakreise.editions.queries import topics_of
from tests.factories import EditionFactory

PG_URL = "postgres://postgres@127.0.0.1:5432/klimakreise"


def database_options(tmp_path, **variables) -> dict:
    """OPTIONS of the default database as settings.py builds them from these variables."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_PREPARED_STATEMENTS"}
    env.update(KLIMAKREISE_DATA_DIR=str(tmp_path), **variables)
    env["DJANGO_SETTINGS_MODULE"] = "klimakreise.settings"
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_binds_and_prepares_statements_on_the_server_by_default(tmp_path):
    options = database_options(tmp_path, DATABASE_URL=PG_URL)

    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 5


def test_prepared_statements_can_be_turned_off_for_a_transaction_pooler(tmp_path):
    options = database_options(tmp_path, DATABASE_URL=PG_URL, DATABASE_PREPARED_STATEMENTS="false")

    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options


def test_sqlite_gets_no_postgresql_options(tmp_path):
    options = database_options(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert "server_side_binding" not in options
    assert options["transaction_mode"] == "IMMEDIATE"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements of PostgreSQL")
@pytest.mark.django_db
def test_a_query_run_again_and_again_is_prepared_on_the_server():
    edition = EditionFactory()
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")

    results = [topics_of(edition_id=edition.pk) for _ in range(6)]

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert all(r == results[0] for r in results)
    assert any('FROM "editions_topic"' in statement for statement in prepared), prepared


def test_a_value_that_is_neither_true_nor_false_stops_the_start_with_a_clear_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_PREPARED_STATEMENTS"}
    env.update(
        KLIMAKREISE_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DATABASE_PREPARED_STATEMENTS="vielleicht",
        DJANGO_SETTINGS_MODULE="klimakreise.settings",
    )
    result = subprocess.run(
        [sys.executable, "-m", "klimakreise.cli", "check"], env=env, capture_output=True, text=True
    )

    assert result.returncode != 0
    assert "DATABASE_PREPARED_STATEMENTS must be true or false, not 'vielleicht'" in result.stderr
    assert "Traceback" not in result.stderr
