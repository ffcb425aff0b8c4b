import pytest

from klimakreise.outbox.models import OutboxEmail
from tests.registrations.factories import OpenEditionFactory


@pytest.fixture
def open_edition(series):
    return OpenEditionFactory(series=series, slug="klimakreise-3", title="3. Klimakreise")


@pytest.fixture
def payload():
    """A valid API body for open_edition."""
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


@pytest.fixture
def form_data(payload):
    """The same sign-up as the HTML form posts it."""
    data = {k: v for k, v in payload.items() if k != "preferences"}
    data["can_moderate"] = "on"
    data["consent_privacy"] = "on"
    for rank, slug in enumerate(payload["preferences"], start=1):
        data[f"rank_{rank}"] = slug
    return data


@pytest.fixture
def mails():
    """mails(to=…) → the outbox rows to an address, oldest first."""

    def find(**filters):
        return list(OutboxEmail.objects.filter(**filters).order_by("created_at", "id"))

    return find


@pytest.fixture(autouse=True)
def _english_pages(settings):
    """These tests read English page text; German catalogues are checked in test_translations."""
    settings.LANGUAGE_CODE = "en"
