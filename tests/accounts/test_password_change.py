"""Signed-in people change their own password (the old one is asked first)."""

import pytest
from django.urls import reverse

from tests.accounts.helpers import NEW_PASSWORD, form_errors, log_in, logged_in_as
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
OLD_PASSWORD = "correct horse battery"
URL = reverse("accounts:password_change")


def change(client, old, new, repeated=None):
    data = {"old_password": old, "new_password1": new, "new_password2": repeated or new}
    return client.post(URL, data)


def test_changing_the_password_keeps_the_person_logged_in(client):
    user = UserFactory()
    client.force_login(user)

    response = change(client, OLD_PASSWORD, NEW_PASSWORD)

    assert response["Location"] == reverse("accounts:account")
    assert logged_in_as(client, user)
    assert client.get(reverse("backoffice:home")).status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_after_the_change_only_the_new_password_logs_in(client):
    user = UserFactory()
    client.force_login(user)
    change(client, OLD_PASSWORD, NEW_PASSWORD)
    client.logout()
    assert log_in(client, user.email, OLD_PASSWORD).status_code == 200
    assert log_in(client, user.email, NEW_PASSWORD).status_code == 302


def test_the_old_password_must_be_right(client):
    user = UserFactory()
    client.force_login(user)
    assert form_errors(change(client, "falsch", NEW_PASSWORD), "old_password")
    user.refresh_from_db()
    assert user.check_password(OLD_PASSWORD)


def test_the_new_password_must_be_repeated_and_strong(client):
    user = UserFactory()
    client.force_login(user)
    assert form_errors(change(client, OLD_PASSWORD, NEW_PASSWORD, "anders-2030!"), "new_password2")
    assert form_errors(change(client, OLD_PASSWORD, "12345678"), "new_password2")
    user.refresh_from_db()
    assert user.check_password(OLD_PASSWORD)


def test_the_account_page_links_to_the_change(client):
    client.force_login(UserFactory())
    assert URL in client.get(reverse("accounts:account")).text
