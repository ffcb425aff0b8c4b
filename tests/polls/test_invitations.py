"""Invitations go to the edition's participants and the series' team, each person once, in
their language, with their own link."""

import re

import pytest
from django.urls import reverse

from klimakreise.outbox.models import OutboxEmail
from klimakreise.polls.links import voter_from_token
from klimakreise.polls.models import Voter
from klimakreise.registrations.models import Registration
from tests.factories import RegistrationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def invite(client, poll):
    return client.post(reverse("polls:invite", kwargs={"slug": poll.edition.slug, "pk": poll.pk}))


@pytest.fixture
def people(edition, organizer):
    """Two participants (one checked in), people who must not be asked, and a team member who
    also registered."""
    return {
        "ada": RegistrationFactory(edition=edition, name="Ada Beispiel", language="en"),
        "bea": RegistrationFactory(edition=edition, name="Bea Muster"),
        "pending": RegistrationFactory(edition=edition, status=Registration.Status.PENDING),
        "cancelled": RegistrationFactory(edition=edition, status=Registration.Status.CANCELLED),
        "waiting": RegistrationFactory(edition=edition, status=Registration.Status.WAITLISTED),
        "other_edition": RegistrationFactory(),
        "organizer_registered": RegistrationFactory(edition=edition, email=organizer.email.upper()),
    }


def test_participants_and_team_are_invited_once_each(client_for, organizer, poll, options, people):
    teammate = UserFactory(name="Jana Team")
    poll.edition.series.organizers.add(teammate)
    client = client_for(organizer)

    first = invite(client, poll)
    again = invite(client, poll)

    assert first.status_code == again.status_code == 302
    recipients = sorted(OutboxEmail.objects.values_list("to", flat=True))
    expected = [people["ada"].email, people["bea"].email, people["organizer_registered"].email]
    assert recipients == sorted([*expected, teammate.email])
    assert Voter.objects.filter(poll=poll).count() == 4
    assert Voter.objects.get(user=teammate).registration is None


def test_a_person_invited_later_is_asked_and_the_others_not_again(
    client_for, organizer, poll, options, people
):
    client = client_for(organizer)
    invite(client, poll)
    late = RegistrationFactory(edition=poll.edition)

    invite(client, poll)

    assert OutboxEmail.objects.filter(to=late.email).count() == 1
    assert OutboxEmail.objects.count() == 4


def test_an_anonymized_participant_is_not_asked(client_for, organizer, poll, options, people):
    Registration.objects.filter(pk=people["bea"].pk).update(anonymized_at="2026-01-01T00:00Z")

    invite(client_for(organizer), poll)

    assert not OutboxEmail.objects.filter(to=people["bea"].email).exists()


def test_the_invitation_lists_the_dates_in_the_persons_language_with_their_link(
    client_for, organizer, poll, options, people
):
    invite(client_for(organizer), poll)

    english = OutboxEmail.objects.get(to=people["ada"].email)
    german = OutboxEmail.objects.get(to=people["bea"].email)
    assert "when can you come" in english.subject
    assert english.text.startswith("Hello Ada Beispiel,")  # a name the site knows
    assert "wann können Sie" in german.subject
    assert "(Europe/Berlin)" in german.text and "<ul>" in german.html
    tokens = re.findall(r"/polls/answer/([^/\s\"]+)/", english.text)
    assert {voter_from_token(t).registration for t in tokens} == {people["ada"]}


def test_inviting_needs_a_date_first(client_for, organizer, poll, people):
    response = invite(client_for(organizer), poll)

    assert response.status_code == 302
    assert not OutboxEmail.objects.exists()
    assert not Voter.objects.exists()
