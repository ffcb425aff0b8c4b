""" "Forgot your password?": the same answer for every address, the email through the outbox."""

import pytest
from django.urls import reverse

from klimakreise.accounts.models import User
from klimakreise.outbox.models import OutboxEmail
from tests.accounts.helpers import (
    NEW_PASSWORD,
    choose_password,
    form_errors,
    log_in,
    logged_in_as,
    password_links,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
OLD_PASSWORD = "correct horse battery"
RESET_URL = reverse("accounts:password_reset")
DONE_URL = reverse("accounts:password_reset_done")


def ask_for_reset(client, email):
    return client.post(RESET_URL, {"email": email})


def test_the_login_page_links_to_the_reset(client):
    assert RESET_URL in client.get(reverse("accounts:login")).text


def test_a_known_address_gets_one_email_whose_link_sets_a_new_password(client):
    user = UserFactory(email="ada@example.org")

    response = ask_for_reset(client, "ADA@example.org")

    assert response.status_code == 302 and response["Location"] == DONE_URL
    (email,) = OutboxEmail.objects.all()
    assert email.to == "ada@example.org"
    (link,) = password_links(email)
    assert choose_password(client, link)["Location"] == reverse("accounts:password_reset_complete")
    assert log_in(client, user.email, OLD_PASSWORD).status_code == 200  # refused
    assert log_in(client, user.email, NEW_PASSWORD).status_code == 302
    assert logged_in_as(client, user)


def test_an_unknown_address_gets_the_same_answer_and_nothing_is_queued(client):
    UserFactory(email="ada@example.org")
    known = client.get(ask_for_reset(client, "ada@example.org")["Location"])
    OutboxEmail.objects.all().delete()

    response = ask_for_reset(client, "niemand@example.org")

    assert response.status_code == 302 and response["Location"] == DONE_URL
    assert client.get(response["Location"]).content == known.content
    assert not OutboxEmail.objects.exists()


def test_a_deactivated_account_gets_no_email(client):
    UserFactory(email="ada@example.org", is_active=False)
    assert ask_for_reset(client, "ada@example.org")["Location"] == DONE_URL
    assert not OutboxEmail.objects.exists()


def test_an_invited_person_whose_link_expired_can_ask_for_a_new_one(client):
    invited = User.objects.create_user(email="nora@example.org", name="Nora Neu")
    assert not invited.has_usable_password()
    ask_for_reset(client, "nora@example.org")
    (link,) = password_links(OutboxEmail.objects.get())
    choose_password(client, link)
    assert log_in(client, "nora@example.org").status_code == 302


def test_asking_again_right_away_queues_no_second_email(client):
    UserFactory(email="ada@example.org")
    ask_for_reset(client, "ada@example.org")
    ask_for_reset(client, "ada@example.org")
    assert OutboxEmail.objects.count() == 1


def test_a_used_link_no_longer_works(client):
    UserFactory(email="ada@example.org")
    ask_for_reset(client, "ada@example.org")
    (link,) = password_links(OutboxEmail.objects.get())
    choose_password(client, link)
    page = client.get(link)
    assert page.status_code == 200 and page.context["validlink"] is False


def test_a_forged_link_is_refused(client):
    user = UserFactory()
    page = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "1-forged"]))
    assert page.status_code == 200 and page.context["validlink"] is False
    assert User.objects.get(pk=user.pk).check_password(OLD_PASSWORD)


@pytest.mark.parametrize(("language", "subject_part"), [("de", "Passwort"), ("en", "password")])
def test_the_email_is_in_the_page_language(client, language, subject_part):
    UserFactory(email="ada@example.org")
    client.cookies["django_language"] = language
    ask_for_reset(client, "ada@example.org")
    email = OutboxEmail.objects.get()
    assert email.language == language
    assert subject_part in email.subject


def test_an_invalid_address_is_a_form_error(client):
    response = ask_for_reset(client, "kein-at-zeichen")
    assert form_errors(response, "email")
    assert not OutboxEmail.objects.exists()


def test_the_new_password_is_checked(client):
    UserFactory(email="ada@example.org")
    ask_for_reset(client, "ada@example.org")
    (link,) = password_links(OutboxEmail.objects.get())
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "12345", "new_password2": "12345"})
    assert form_errors(response, "new_password2")
    assert User.objects.get(email="ada@example.org").check_password(OLD_PASSWORD)


def test_an_account_whose_password_an_administrator_switched_off_gets_no_link(client):
    from django.utils import timezone

    user = UserFactory(email="gesperrt@example.org")
    user.set_unusable_password()
    user.last_login = timezone.now()  # it had been used: not an invitation still open
    user.save()

    response = ask_for_reset(client, "gesperrt@example.org")

    assert response.status_code == 302 and response["Location"] == DONE_URL
    assert not OutboxEmail.objects.exists()
