import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _german():
    # The default questions are worded in the language of whoever creates the survey.
    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
