import pytest
from django.utils import translation

from tests.feedback.factories import past_edition


@pytest.fixture(autouse=True)
def _german():
    # The default questions are worded in the language of whoever creates the survey.
    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def edition(series):
    # Feedback is asked after the event: the organizer's edition ended yesterday (personal links
    # take answers and invitations go out only then).
    return past_edition(series=series)
