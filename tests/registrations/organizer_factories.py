"""Helpers for the organizer-side tests: an edition with topics and a few varied registrations."""

import pytest
from django.urls import reverse

from klimakreise.registrations.models import Registration
from tests.registrations.factories import (
    ConfirmedRegistrationFactory,
    OpenEditionFactory,
    RegistrationFactory,
    WaitlistedRegistrationFactory,
    wish,
)


def url(name: str, edition, **kwargs) -> str:
    return reverse(f"registrations_organizer:{name}", kwargs={"slug": edition.slug, **kwargs})


def sector(edition, slug: str):
    return edition.series.sectors.get(slug=slug)


@pytest.fixture
def event(series):
    """An edition of `series` with topics energie, mobilitaet, gruen; 3 ranks; 10 seats."""
    return OpenEditionFactory(series=series, slug="kk-organizer", title="Organizer edition")


@pytest.fixture
def people(event):
    """Four registrations with known wishes, sectors, roles and statuses."""
    ada = ConfirmedRegistrationFactory(
        edition=event,
        name="Ada",
        email="ada@example.org",
        sector=sector(event, "verwaltung"),
        can_moderate=True,
        organization_name="Stadt",
    )
    wish(ada, "energie", "mobilitaet", "gruen")
    ben = ConfirmedRegistrationFactory(
        edition=event,
        name="Ben",
        email="ben@example.org",
        sector=sector(event, "zivilgesellschaft"),
        can_take_notes=True,
    )
    wish(ben, "energie", "gruen")
    cem = WaitlistedRegistrationFactory(
        edition=event, name="Cem", email="cem@example.org", sector=sector(event, "verwaltung")
    )
    wish(cem, "mobilitaet", "energie")
    dana = RegistrationFactory(
        edition=event,
        name="Dana",
        email="dana@example.org",
        sector=sector(event, "wissenschaft"),
        status=Registration.Status.CANCELLED,
    )
    wish(dana, "gruen")
    return {"ada": ada, "ben": ben, "cem": cem, "dana": dana}


@pytest.fixture
def english(settings):
    """Pages in English, so assertions on text survive the German translation."""
    settings.LANGUAGE_CODE = "en"
