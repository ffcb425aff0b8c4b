import os
import sqlite3
import subprocess
import sys
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from klimakreise.editions.models import Edition

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "admin", "contenttypes", "auth"}
    }


def test_demo_has_both_magdeburg_editions_with_five_circles_each_and_an_upcoming_clone():
    call_command("load_demo", stdout=StringIO())
    e2021 = Edition.objects.get(slug="magdeburg-2021")
    e2022 = Edition.objects.get(slug="magdeburg-2022")
    upcoming = Edition.objects.get(slug="magdeburg-3")
    assert (e2021.start.date().isoformat(), e2022.start.date().isoformat()) == (
        "2021-12-08",
        "2022-05-17",
    )
    assert [t.title for t in e2022.topics.all()] == [
        "Stadtgrün",
        "Mobilität",
        "Ernährung & Landwirtschaft",
        "Energie",
        "Betriebe",
    ]
    assert e2021.circles.count() == e2022.circles.count() == 5
    assert e2022.previous == e2021
    assert upcoming.previous == e2022 and upcoming.is_public and not upcoming.is_past
    assert e2022.agenda_items.filter(kind="talk").count() == 1
    assert e2022.get_together_place
    assert e2022.series.organizers.count() == 2  # a team, not a single account


def test_loading_the_demo_twice_gives_the_same_data():
    call_command("load_demo", stdout=StringIO())
    first = row_counts()
    call_command("load_demo", stdout=StringIO())
    assert row_counts() == first


@pytest.mark.django_db(transaction=False)
def test_demo_command_creates_its_own_database_and_prints_the_login(tmp_path):
    data_dir = tmp_path / "demo"
    env = {**os.environ, "KLIMAKREISE_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "klimakreise.cli", "demo", "--no-serve", "--data-dir"]
    first = subprocess.run([*command, str(data_dir)], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "http://127.0.0.1:8000/" in first.stdout
    assert "orga@klimakreise.example" in first.stdout
    counts = sqlite_counts(data_dir / "klimakreise.sqlite3")
    second = subprocess.run([*command, str(data_dir)], env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert sqlite_counts(data_dir / "klimakreise.sqlite3") == counts
    assert counts["editions_edition"] == 3


def sqlite_counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not name.startswith(("sqlite_", "django_session", "klimakreise_cache"))
        ]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
