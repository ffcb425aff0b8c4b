import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    # The default PBKDF2 takes ~0.3 s per user; the permission matrix creates hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def en(message) -> str:
    """A lazy message in English, whatever language the last request activated."""
    with translation.override("en"):
        return str(message)


def form_errors(response, field: str = "__all__") -> list[str]:
    """The English messages the response's form shows for `field`."""
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    with translation.override("en"):
        return [error["message"] for error in form.errors.get_json_data().get(field, [])]
