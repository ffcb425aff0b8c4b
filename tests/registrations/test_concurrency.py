"""Seats under concurrency: two cancellations at once promote two different people and leave
no seat free; a rush of confirmations fills exactly the capacity; one address sent by several
sign-ups at once is stored once.

On PostgreSQL the scenarios run here with threads; SQLite's in-memory test database cannot show
real locking, so on SQLite they run in a subprocess against a SQLite file.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.registrations import scenarios

REPO = Path(__file__).resolve().parents[2]

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads share one in-memory SQLite database"
)


def check_cancellations(result, emails_in_order):
    assert result["counts"] == {"cancelled": 2, "registered": 2, "waitlisted": 1}
    promoted = emails_in_order[2:4]
    assert result["first_waiting"] == sorted(promoted)
    assert result["moved_up_emails"] == sorted(promoted)  # one email each, nobody twice


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_cancellations_at_once_promote_two_different_people_on_postgresql():
    edition = scenarios.make_edition(capacity=2, registered=2, waitlisted=3, pending=0)
    emails = list(edition.registrations.order_by("confirmed_at").values_list("email", flat=True))
    check_cancellations(scenarios.concurrent_cancellations(edition), emails)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_sixty_confirmations_at_once_fill_exactly_ten_seats_on_postgresql():
    edition = scenarios.make_edition(capacity=10, registered=0, waitlisted=0, pending=60)
    result = scenarios.concurrent_confirmations(edition)
    assert result["counts"] == {"registered": 10, "waitlisted": 50}


def check_same_address(result, threads=8):
    # One row with its wishes; the others found it and sent a fresh link: one email each.
    assert result == {"created": 1, "stored": 1, "wishes": [1, 2, 3], "emails": threads}


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_one_address_signing_up_several_times_at_once_is_stored_once_on_postgresql():
    edition = scenarios.make_edition(capacity=10, registered=0, waitlisted=0, pending=0)
    check_same_address(scenarios.concurrent_same_address(edition))


def test_both_scenarios_on_a_sqlite_file(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'concurrency.sqlite3'}",
        "KLIMAKREISE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "klimakreise.settings",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.registrations.scenarios"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["vendor"] == "sqlite"
    assert result["rush"]["counts"] == {"registered": 10, "waitlisted": 50}
    cancellations = result["cancellations"]
    assert cancellations["counts"] == {"cancelled": 2, "registered": 2, "waitlisted": 1}
    assert len(cancellations["moved_up_emails"]) == 2
    assert len(set(cancellations["moved_up_emails"])) == 2
    assert cancellations["moved_up_emails"] == cancellations["first_waiting"]
    assert len(result["waitlist_order"]) == 1
    check_same_address(result["same_address"])
