"""A participant's data leaves the poll with their registration: deleted or anonymized, the
voter made from it keeps no name, address or comment, and its link stops working."""

from datetime import timedelta

import pytest
from django.conf import settings

from klimakreise.polls.erasure import erase_poll_voters
from klimakreise.polls.links import voter_path
from klimakreise.polls.models import Vote, Voter
from klimakreise.registrations.retention import anonymize_edition_registrations
from klimakreise.registrations.services import delete_registration
from tests.factories import RegistrationFactory
from tests.polls.factories import VoterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def voters(poll):
    ada = RegistrationFactory(edition=poll.edition, name="Ada Beispiel")
    return {
        "ada": VoterFactory(poll=poll, registration=ada, name=ada.name, comment="Gern"),
        "guest": VoterFactory(poll=poll, name="Gast Person"),
    }


@pytest.mark.parametrize("erase", ["delete", "anonymize"])
def test_erasing_a_participant_erases_their_voter_only(client, poll, voters, erase):
    link = voter_path(voters["ada"])
    if erase == "delete":
        delete_registration(registration=voters["ada"].registration)
    else:
        anonymize_edition_registrations(edition=poll.edition)

    ada = Voter.objects.get(pk=voters["ada"].pk)
    assert (ada.name, ada.email, ada.comment, ada.registration) == ("–", "", "", None)
    assert client.get(link).status_code == 404
    assert Voter.objects.get(pk=voters["guest"].pk).name == "Gast Person"


def test_voters_of_an_edition_past_retention_are_erased_by_the_daily_job(
    client, poll, voters, settings
):
    settings.KLIMAKREISE_RETENTION_MONTHS = 1
    guest_link = voter_path(voters["guest"])
    vote_count = Vote.objects.filter(voter__poll=poll).count()
    assert erase_poll_voters(now=poll.edition.end + timedelta(days=27)) == 0  # not yet
    later = poll.edition.end + timedelta(days=32)

    assert erase_poll_voters(now=later) == 2
    for voter in Voter.objects.filter(poll=poll):
        assert (voter.name, voter.email, voter.comment, voter.registration) == ("–", "", "", None)
    assert client.get(guest_link).status_code == 404
    assert Vote.objects.filter(voter__poll=poll).count() == vote_count  # answers name nobody
    assert erase_poll_voters(now=later) == 0


def test_the_erasure_job_is_scheduled():
    paths = [path for _name, path, _every in settings.SCHEDULED_JOBS]
    assert "klimakreise.polls.erasure.erase_poll_voters" in paths
