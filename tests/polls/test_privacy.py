"""A participant's data leaves the poll with their registration: deleted or anonymized, the
voter made from it keeps no name, address or comment, and its link stops working."""

import pytest

from klimakreise.polls.links import voter_path
from klimakreise.polls.models import Voter
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
