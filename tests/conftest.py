"""Shared fixtures: the personas every permission matrix uses."""

import os
from types import SimpleNamespace

import pytest
from django.db import connection

from klimakreise.boards import fanout, presence
from tests.backoffice.factories import AttachmentFactory
from tests.factories import (
    AgendaItemFactory,
    CircleFactory,
    EditionFactory,
    OrganizationFactory,
    PartnerFactory,
    SeriesFactory,
    TopicFactory,
    UserFactory,
)
from tests.registrations.factories import OpenEditionFactory

IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str):
    """A missing optional service skips on a bare machine but fails in CI."""
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _own_stream_hub(monkeypatch):
    """Each test gets its own hub of open board streams (boards/fanout.py), stopped afterwards,
    so no listener or keeper thread of one test reads another's database. On SQLite without the
    keeper thread: its reads would lock the shared in-memory test database's tables under the
    test's own writes, which no file database does (its work is tested by calling it)."""
    if connection.vendor != "postgresql":
        monkeypatch.setattr(presence, "keep", lambda hub: None)
    fanout.reset_hub()
    yield
    fanout.reset_hub()


@pytest.fixture(autouse=True)
def _isolate(request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The real hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
    } & set(request.fixturenames)
    if uses_db:
        # The caches are database tables, so they are only there for database tests.
        request.getfixturevalue("db")
        from django.conf import settings as django_settings
        from django.core.cache import caches

        for alias in django_settings.CACHES:
            caches[alias].clear()


@pytest.fixture
def series(db):
    return SeriesFactory()


@pytest.fixture
def edition(series):
    return EditionFactory(series=series)


@pytest.fixture
def organizer(series):
    user = UserFactory()
    series.organizers.add(user)
    return user


@pytest.fixture
def other_organizer(db):
    user = UserFactory()
    SeriesFactory().organizers.add(user)
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def stranger(db):
    """Logged in, but organizes nothing."""
    return UserFactory()


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as user (None: anonymous)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture
def world(edition):
    """One object of every kind the back office manages, all in `edition` of `series`."""
    series = edition.series
    organization = OrganizationFactory(series=series)
    topic = TopicFactory(edition=edition)
    member = UserFactory()
    series.organizers.add(member)
    return SimpleNamespace(
        series=series,
        edition=edition,
        sector=series.sectors.first(),
        organization=organization,
        topic=topic,
        agenda_item=AgendaItemFactory(edition=edition),
        circle=CircleFactory(topic=topic),
        partner=PartnerFactory(edition=edition, organization=organization),
        attachment=AttachmentFactory(edition=edition),
        member=member,
    )


@pytest.fixture
def open_edition(series):
    return OpenEditionFactory(series=series, slug="klimakreise-3", title="3. Klimakreise")


@pytest.fixture
def payload():
    """A valid API sign-up body for open_edition (API, form and clean-text tests share it)."""
    return {
        "name": "Ada Beispiel",
        "email": "ada@example.org",
        "organization": "Radentscheid",
        "sector": "zivilgesellschaft",
        "preferences": ["mobilitaet", "energie", "gruen"],
        "can_moderate": True,
        "consent_privacy": True,
        "language": "en",
    }
