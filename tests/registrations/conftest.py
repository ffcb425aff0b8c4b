import pytest

from klimakreise.outbox.models import OutboxEmail


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
