"""Failed logins are counted per account and per address; once blocked, no hash is computed."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


class CountingHasher(MD5PasswordHasher):
    """A real hasher that counts how often it does the (normally expensive) work."""

    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def _counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    settings.LOGIN_FAILURE_LIMIT = 3
    CountingHasher.calls = 0


def log_in(client, email, password, address="203.0.113.7"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def fail(client, email, times, address="203.0.113.7"):
    for _ in range(times):
        assert log_in(client, email, "falsch", address).status_code == 200


def test_right_password_logs_in(client):
    user = UserFactory()
    response = log_in(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_after_the_limit_even_the_right_password_is_refused(client, settings):
    user = UserFactory()
    fail(client, user.email, settings.LOGIN_FAILURE_LIMIT)
    response = log_in(client, user.email, PASSWORD, address="198.51.100.1")  # other address
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_below_the_limit_the_right_password_works(client, settings):
    user = UserFactory()
    fail(client, user.email, settings.LOGIN_FAILURE_LIMIT - 1)
    assert log_in(client, user.email, PASSWORD).status_code == 302


def test_blocked_attempt_computes_no_hash(client, settings):
    user = UserFactory()
    fail(client, user.email, settings.LOGIN_FAILURE_LIMIT)
    CountingHasher.calls = 0
    log_in(client, user.email, PASSWORD)
    log_in(client, "gibt-es-nicht@example.org", PASSWORD)
    assert CountingHasher.calls == 0


def test_unblocked_attempt_does_compute_the_hash(client):
    """The counter above is able to see hashing at all (the test would be vacuous otherwise)."""
    user = UserFactory()
    CountingHasher.calls = 0
    log_in(client, user.email, "falsch")
    assert CountingHasher.calls == 1


def test_other_account_from_the_same_address_is_blocked(client, settings):
    victim, neighbour = UserFactory(), UserFactory()
    fail(client, victim.email, settings.LOGIN_FAILURE_LIMIT)
    CountingHasher.calls = 0
    response = log_in(client, neighbour.email, PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert CountingHasher.calls == 0
    # From another address the neighbour's account is fine.
    assert log_in(client, neighbour.email, PASSWORD, address="198.51.100.1").status_code == 302


def test_refusal_message_is_shown(client, settings):
    user = UserFactory()
    fail(client, user.email, settings.LOGIN_FAILURE_LIMIT)
    response = log_in(client, user.email, PASSWORD, address="198.51.100.1")
    assert response.context["form"].non_field_errors()


def test_behind_a_proxy_one_clients_failures_do_not_block_the_others(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(email="ada@example.org", password=PASSWORD)

    def via_proxy(email, password, forwarded):
        return client.post(
            reverse("accounts:login"),
            {"username": email, "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for n in range(3):  # an attacker tries three different accounts from one address
        via_proxy(f"nobody{n}@example.org", "falsch", "198.51.100.66")
    assert via_proxy("ada@example.org", PASSWORD, "198.51.100.7").status_code == 302
