import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from klimakreise.circles.models import CircleMember
from klimakreise.outbox.models import OutboxEmail
from klimakreise.outbox.retention import months_before
from klimakreise.registrations.links import make_token, registration_from_token
from klimakreise.registrations.models import Preference, Registration
from klimakreise.registrations.retention import anonymize_edition_registrations
from tests.factories import CircleFactory, TopicFactory
from tests.outbox.factories import OutboxEmailFactory, RegistrationFactory, past_edition

pytestmark = pytest.mark.django_db

PERSONAL_FIELDS = ["name", "email", "organization_name", "accessibility_needs"]


@pytest.fixture
def old_edition(series):
    """Ended 14 months ago, with two people (one in a circle), wishes and emails."""
    edition = past_edition(months_ago=14, series=series)
    topic = TopicFactory(edition=edition)
    circle = CircleFactory(topic=topic)
    people = RegistrationFactory.create_batch(2, edition=edition)
    Preference.objects.create(registration=people[0], topic=topic, rank=1)
    CircleMember.objects.create(circle=circle, registration=people[0])
    for person in people:
        OutboxEmailFactory(edition=edition, to=person.email, status="sent", sent_at=edition.end)
    return edition


@pytest.fixture
def recent_edition(series):
    edition = past_edition(months_ago=6, series=series)
    RegistrationFactory(edition=edition)
    OutboxEmailFactory(edition=edition, status="sent", sent_at=edition.end)
    return edition


def run_command(*args) -> str:
    out = io.StringIO()
    call_command("anonymize_registrations", *args, stdout=out)
    return out.getvalue()


def personal_data(edition):
    return list(
        Registration.objects.filter(edition=edition).order_by("pk").values_list(*PERSONAL_FIELDS)
    )


def test_dry_run_counts_and_changes_nothing(old_edition, recent_edition):
    before = personal_data(old_edition)

    printed = run_command("--dry-run")

    assert f"{old_edition.slug}: 2 registration(s), 2 email(s)" in printed
    assert recent_edition.slug not in printed
    assert "Dry run: would anonymize 2 registration(s), delete 2 email(s)." in printed
    assert personal_data(old_edition) == before
    assert OutboxEmail.objects.count() == 3


def test_run_removes_personal_data_but_keeps_what_results_need(old_edition, recent_edition):
    tokens = [make_token(r) for r in Registration.objects.filter(edition=old_edition)]
    statuses = list(
        Registration.objects.filter(edition=old_edition).values_list("status", "sector_id")
    )

    printed = run_command()

    assert "Anonymized 2 registration(s), deleted 2 email(s)." in printed
    anonymized = Registration.objects.filter(edition=old_edition)
    for person in anonymized:
        assert person.name == "anonymized"  # "anonymisiert" once German is translated
        assert (person.email, person.organization_name, person.accessibility_needs) == ("", "", "")
        assert not person.public_listing and not person.newsletter
        assert person.anonymized_at is not None
        assert person.link_version == 2
    assert list(anonymized.values_list("status", "sector_id")) == statuses
    assert Preference.objects.filter(registration__edition=old_edition).count() == 1
    assert CircleMember.objects.filter(circle__edition=old_edition).count() == 1
    assert all(registration_from_token(token) is None for token in tokens)
    assert not OutboxEmail.objects.filter(edition=old_edition).exists()
    # The recent edition keeps everything.
    assert Registration.objects.get(edition=recent_edition).anonymized_at is None
    assert OutboxEmail.objects.filter(edition=recent_edition).count() == 1


def test_second_run_finds_nothing_left(old_edition):
    run_command()

    assert "Anonymized 0 registration(s), deleted 0 email(s)." in run_command()


def test_old_emails_of_any_kind_are_deleted_queued_ones_kept(settings):
    long_ago = timezone.now() - timedelta(days=500)
    OutboxEmailFactory(edition=None, status="sent", sent_at=long_ago)
    OutboxEmailFactory(edition=None, status="failed", created_at=long_ago)
    kept = OutboxEmailFactory(edition=None, status="sent", sent_at=timezone.now())

    assert "older emails of any edition: 0 registration(s), 2 email(s)" in run_command()

    assert list(OutboxEmail.objects.all()) == [kept]


def test_retention_months_come_from_settings(settings, recent_edition):
    settings.KLIMAKREISE_RETENTION_MONTHS = 3

    run_command()

    assert Registration.objects.get(edition=recent_edition).anonymized_at is not None


def test_anonymizing_an_edition_twice_does_not_touch_it_again(old_edition):
    anonymize_edition_registrations(edition=old_edition)
    first = list(Registration.objects.filter(edition=old_edition).values_list("anonymized_at"))

    result = anonymize_edition_registrations(edition=old_edition)

    assert (result.registrations, result.emails) == (0, 0)
    assert list(Registration.objects.filter(edition=old_edition).values_list("anonymized_at")) == (
        first
    )


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2026, 3, 31, 12, tzinfo=UTC), 1, datetime(2026, 2, 28, 12)),
        (datetime(2026, 1, 15, tzinfo=UTC), 12, datetime(2025, 1, 15)),
        (datetime(2026, 1, 15, tzinfo=UTC), 13, datetime(2024, 12, 15)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected.replace(tzinfo=UTC)
