"""Inviting people to a series' organizer team by email address."""

import pytest
from django.urls import reverse

from klimakreise.accounts import emails as account_emails
from klimakreise.accounts.models import User
from klimakreise.backoffice import services
from klimakreise.backoffice.services import Invitation
from klimakreise.outbox.models import OutboxEmail
from tests.accounts.helpers import choose_password, log_in, logged_in_as, password_links
from tests.factories import SeriesFactory, UserFactory

pytestmark = pytest.mark.django_db


def team_url(series):
    return reverse("backoffice:series_team", args=[series.slug])


def invite(client, series, email, name=""):
    return client.post(team_url(series), {"email": email, "name": name})


def test_an_unknown_address_gets_a_new_account_in_the_team_and_an_invitation(
    client_for, superuser, series
):
    response = invite(client_for(superuser), series, " Nora.Neu@Example.org ", "Nora Neu")

    assert response.status_code == 302 and response["Location"] == team_url(series)
    nora = User.objects.get(email="nora.neu@example.org")
    assert nora.name == "Nora Neu"
    assert not nora.has_usable_password()
    assert not nora.is_staff and not nora.is_superuser
    assert list(series.organizers.all()) == [nora]
    (email,) = OutboxEmail.objects.all()
    assert email.to == "nora.neu@example.org"
    assert series.title in email.subject
    assert superuser.name in email.text
    assert len(password_links(email)) == 1


def test_the_invitation_link_lets_the_person_choose_a_password_and_log_in(
    client, client_for, superuser, series
):
    invite(client_for(superuser), series, "nora@example.org", "Nora Neu")
    (link,) = password_links(OutboxEmail.objects.get())
    assert link.startswith("/accounts/invitation/")

    saved = choose_password(client, link)

    assert saved["Location"] == reverse("accounts:password_reset_complete")
    nora = User.objects.get(email="nora@example.org")
    assert nora.has_usable_password()
    assert log_in(client, "nora@example.org").status_code == 302
    assert logged_in_as(client, nora)
    assert client.get(reverse("backoffice:series", args=[series.slug])).status_code == 200


def test_the_invitation_page_greets_the_new_person(client, client_for, superuser, series):
    invite(client_for(superuser), series, "nora@example.org", "Nora Neu")
    (link,) = password_links(OutboxEmail.objects.get())
    page = client.get(client.get(link)["Location"])
    assert page.context["invitation"] is True
    assert "nora@example.org" in page.text


def test_an_invitation_link_works_only_once(client, client_for, superuser, series):
    invite(client_for(superuser), series, "nora@example.org", "Nora Neu")
    (link,) = password_links(OutboxEmail.objects.get())
    choose_password(client, link)

    opened = client.get(link)

    assert opened.status_code == 200
    assert opened.context["validlink"] is False
    assert reverse("accounts:password_reset") in opened.text


def test_an_existing_account_is_added_as_it_is_and_gets_a_notice(client_for, superuser, series):
    person = UserFactory(email="ada@example.org", name="Ada Lovelace")
    accounts_before = User.objects.count()

    response = invite(client_for(superuser), series, "ADA@example.org", "Anderer Name")

    assert response.status_code == 302
    assert User.objects.count() == accounts_before
    person.refresh_from_db()
    assert person.name == "Ada Lovelace"
    assert person.check_password("correct horse battery")
    assert list(series.organizers.all()) == [person]
    (email,) = OutboxEmail.objects.all()
    assert email.to == "ada@example.org"
    assert series.title in email.subject
    assert password_links(email) == []
    assert reverse("backoffice:series", args=[series.slug]) in email.text


def test_an_existing_account_needs_no_name(client_for, superuser, series):
    person = UserFactory()
    invite(client_for(superuser), series, person.email, "")
    assert list(series.organizers.all()) == [person]


def test_inviting_again_before_the_password_is_chosen_sends_a_fresh_link_only(
    client, client_for, superuser, series, monkeypatch
):
    import time

    from klimakreise.accounts import emails

    admin = client_for(superuser)
    invite(admin, series, "nora@example.org", "Nora Neu")
    invite(admin, series, "nora@example.org", "")  # a double click: no second email
    assert OutboxEmail.objects.count() == 1
    later = time.time() + emails.PASSWORD_RESET_INTERVAL
    monkeypatch.setattr(emails.time, "time", lambda: later)
    response = invite(admin, series, "nora@example.org", "")

    assert response.status_code == 302
    assert User.objects.filter(email="nora@example.org").count() == 1
    assert series.organizers.count() == 1
    first, second = OutboxEmail.objects.order_by("pk")
    assert second.to == "nora@example.org"
    (link,) = password_links(second)
    assert choose_password(client, link).status_code == 302


def test_an_account_without_a_password_from_another_team_gets_an_invitation(
    client_for, superuser, series
):
    """E.g. invited to another series, or created in the admin without a password."""
    other = SeriesFactory()
    invite(client_for(superuser), other, "nora@example.org", "Nora Neu")
    OutboxEmail.objects.all().delete()

    invite(client_for(superuser), series, "nora@example.org", "")

    nora = User.objects.get(email="nora@example.org")
    assert set(nora.organized_series.all()) == {other, series}
    (email,) = OutboxEmail.objects.all()
    assert len(password_links(email)) == 1


@pytest.mark.parametrize(("language", "subject_part"), [("de", "Einladung"), ("en", "Invitation")])
def test_the_invitation_is_written_in_the_inviting_page_language(
    client_for, superuser, series, language, subject_part
):
    admin = client_for(superuser)
    admin.cookies["django_language"] = language
    invite(admin, series, "nora@example.org", "Nora Neu")
    email = OutboxEmail.objects.get()
    assert email.language == language
    assert subject_part in email.subject


def test_account_team_and_email_are_one_transaction(monkeypatch, superuser, series):
    def broken(**kwargs):
        raise RuntimeError("the outbox is gone")

    monkeypatch.setattr(account_emails, "send_invitation", broken)
    with pytest.raises(RuntimeError):
        services.invite_series_organizer(
            series=series,
            email="nora@example.org",
            name="Nora Neu",
            invited_by=superuser,
            language="de",
        )
    assert not User.objects.filter(email="nora@example.org").exists()
    assert not series.organizers.exists()


def test_the_service_reports_what_it_did(superuser, series):
    def run(email, name=""):
        _user, outcome = services.invite_series_organizer(
            series=series, email=email, name=name, invited_by=superuser, language="de"
        )
        return outcome

    member = UserFactory()
    assert run("nora@example.org", "Nora Neu") == Invitation.CREATED
    assert run("nora@example.org") == Invitation.RESENT
    assert run(member.email) == Invitation.ADDED
    assert run(member.email) == Invitation.UNCHANGED
    # The resent link within the same quarter of an hour is the first email again.
    assert OutboxEmail.objects.count() == 2


@pytest.mark.parametrize("persona", ["organizer", "other_organizer", "stranger", None])
def test_only_superusers_can_invite(request, client_for, series, persona):
    user = request.getfixturevalue(persona) if persona else None
    response = invite(client_for(user), series, "nora@example.org", "Nora Neu")
    assert response.status_code == (302 if user is None else 404)
    if user is None:
        assert response["Location"].startswith(reverse("accounts:login"))
    assert not User.objects.filter(email="nora@example.org").exists()
    assert not OutboxEmail.objects.exists()


def test_the_team_page_explains_the_invitation(client_for, superuser, series):
    page = client_for(superuser).get(team_url(series))
    assert page.status_code == 200
    assert "created in the administration" not in page.text
    assert 'name="name"' in page.text


def test_an_address_too_long_for_an_account_is_refused_naming_the_field(
    client_for, superuser, series
):
    address = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".org"
    response = invite(client_for(superuser), series, address, "Zu Lang")

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not User.objects.filter(name="Zu Lang").exists()


def test_a_deactivated_account_cannot_use_its_invitation_link(
    client, client_for, superuser, series
):
    invite(client_for(superuser), series, "nora@example.org", "Nora Neu")
    User.objects.filter(email="nora@example.org").update(is_active=False)
    (link,) = password_links(OutboxEmail.objects.get())

    page = client.get(link, follow=True)

    assert page.context["validlink"] is False
    assert not User.objects.get(email="nora@example.org").has_usable_password()
