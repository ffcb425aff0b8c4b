"""Superusers manage accounts in the Django admin (email login, one name field)."""

import pytest
from django.urls import reverse

from klimakreise.accounts.models import ApiToken, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:accounts_user_changelist")
ADD = reverse("admin:accounts_user_add")


def add_data(email, **extra):
    return {
        "email": email,
        "name": "Nora Neu",
        "usable_password": "true",
        "password1": "Klimaschutz-2030-jetzt!",
        "password2": "Klimaschutz-2030-jetzt!",
        **extra,
    }


def test_superuser_lists_and_searches_accounts(client_for, superuser):
    UserFactory(name="Ada Lovelace", email="ada@example.org")
    response = client_for(superuser).get(CHANGELIST, {"q": "lovelace"})
    assert response.status_code == 200
    assert "ada@example.org" in response.text


def test_superuser_creates_an_account_that_can_log_in(client_for, client, superuser):
    response = client_for(superuser).post(ADD, add_data("Nora@Example.org"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    nora = User.objects.get(email="nora@example.org")
    assert nora.name == "Nora Neu"
    login = client.post(
        reverse("accounts:login"),
        {"username": "nora@example.org", "password": "Klimaschutz-2030-jetzt!"},
    )
    assert login.status_code == 302


def test_superuser_creates_an_account_without_password(client_for, superuser):
    data = add_data("nora@example.org", usable_password="false", password1="", password2="")
    assert client_for(superuser).post(ADD, data).status_code == 302
    assert not User.objects.get(email="nora@example.org").has_usable_password()


def test_an_address_in_another_case_is_taken(client_for, superuser):
    UserFactory(email="nora@example.org")
    response = client_for(superuser).post(ADD, add_data("NORA@example.org"))
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    assert User.objects.filter(email__iexact="nora@example.org").count() == 1


def test_the_change_page_shows_the_tokens_but_not_their_secret(client_for, superuser):
    person = UserFactory()
    token, raw = ApiToken.issue(user=person, label="Auswertung")
    url = reverse("admin:accounts_user_change", args=[person.pk])
    response = client_for(superuser).get(url)
    assert response.status_code == 200
    assert "Auswertung" in response.text
    assert raw not in response.text and token.token_hash not in response.text


def test_superuser_deactivates_an_account(client_for, superuser):
    person = UserFactory(email="ada@example.org", name="Ada")
    url = reverse("admin:accounts_user_change", args=[person.pk])
    data = {
        "email": "ada@example.org",
        "name": "Ada",
        "is_staff": "",
        "is_superuser": "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "api_tokens-TOTAL_FORMS": "0",
        "api_tokens-INITIAL_FORMS": "0",
    }
    response = client_for(superuser).post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert not person.is_active


@pytest.mark.parametrize("persona", ["organizer", "stranger", None])
def test_people_who_are_not_staff_get_the_admin_login(request, client_for, series, persona):
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
