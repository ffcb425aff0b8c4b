import pytest

from tests.registrations.factories import OpenEditionFactory

URL = "/api/v1/editions/klimakreise-3/registrations"


@pytest.fixture
def open_edition(series):
    return OpenEditionFactory(series=series, slug="klimakreise-3", title="3. Klimakreise")


@pytest.fixture
def payload(open_edition):
    """A valid registration for open_edition."""
    return {
        "name": "Ada Beispiel",
        "email": "ada@example.org",
        "organization": "Radentscheid",
        "sector": "zivilgesellschaft",
        "preferences": ["mobilitaet", "energie"],
        "consent_privacy": True,
        "language": "en",
    }
