"""Moderators from the sign-ups: people who offered to moderate are proposed per circle on the
members page, and an organizer chooses one with one click (consent recorded, one email)."""

import pytest

from klimakreise.circles.models import Circle
from klimakreise.circles.services import ActionRefused, choose_moderator
from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations.models import Registration
from klimakreise.registrations.services import cancel_registration
from tests.circles.factories import register
from tests.circles.helpers import persona_client, url
from tests.factories import EditionFactory

PERSONAS = ["anonymous", "participant", "stranger", "moderator", "organizer", "superuser"]


@pytest.fixture
def offers(fixed):
    """Arne (in Mobilität) offered to moderate; nobody in Energie did, so he is proposed there."""
    people = fixed["people"]
    Registration.objects.filter(pk=people["a1"].pk).update(can_moderate=True)
    people["a1"].refresh_from_db()
    return people["a1"]


def page(client, edition):
    return client.get(url("members", edition)).content.decode()


def test_members_page_proposes_only_people_who_offered(
    client_for, organizer, fixed, edition, offers
):
    html = page(client_for(organizer), edition)

    mobility = html.split(f'id="circle-{fixed["circle_a"].pk}"')[1].split("</section>")[0]
    assert f'id="offer-{fixed["circle_a"].pk}-{offers.pk}"' in mobility
    assert "Alma Zwei" not in mobility.split("moderator-offers")[1]
    assert "Members of this circle who offered" in mobility


def test_circle_without_offering_members_proposes_others_of_the_edition(
    client_for, organizer, fixed, edition, offers
):
    html = page(client_for(organizer), edition)

    energy = html.split(f'id="circle-{fixed["circle_b"].pk}"')[1].split("</section>")[0]
    assert f'id="offer-{fixed["circle_b"].pk}-{offers.pk}"' in energy
    assert "No member of this circle offered" in energy
    assert "Berta Eins" not in energy.split("moderator-offers")[1]


def test_choosing_sets_the_moderator_records_consent_and_emails_once(
    client_for, organizer, fixed, edition, offers
):
    circle = fixed["circle_a"]
    client = client_for(organizer)

    response = client.post(
        url("choose_moderator", edition, pk=circle.pk), {"registration": offers.pk}
    )
    client.post(url("choose_moderator", edition, pk=circle.pk), {"registration": offers.pk})

    assert response.status_code == 302
    circle.refresh_from_db()
    assert circle.moderator is None  # Mona's account gives way: one moderator per circle
    assert circle.moderator_name == "Arne Eins"
    assert circle.moderator_registration == offers
    assert circle.moderator_consent_at == offers.created_at
    assert circle.moderator_consent_text
    sent = OutboxEmail.objects.filter(to=offers.email, key__startswith="circles:moderator-chosen")
    assert sent.count() == 1
    assert "Mobilität" in sent.get().subject
    assert "chosen" in page(client, edition)


def test_chosen_member_gets_the_workspace_link_in_the_email(fixed, organizer, offers):
    choose_moderator(circle=fixed["circle_a"], registration=offers, actor=organizer)

    email = OutboxEmail.objects.get(to=offers.email)
    assert f"/{fixed['circle_a'].pk}/" in email.text
    assert "?t=" in email.text


def test_consent_text_is_in_the_language_of_the_sign_up(fixed, organizer):
    alma = fixed["people"]["a2"]  # signed up in English
    Registration.objects.filter(pk=alma.pk).update(can_moderate=True, language="de")
    alma.refresh_from_db()

    choose_moderator(circle=fixed["circle_a"], registration=alma, actor=organizer)

    circle = Circle.objects.get(pk=fixed["circle_a"].pk)
    assert circle.moderator_consent_text == "Ich kann einen Kreis moderieren."


def test_refuses_a_person_who_did_not_offer(fixed, organizer):
    with pytest.raises(ActionRefused, match="did not offer"):
        choose_moderator(
            circle=fixed["circle_a"], registration=fixed["people"]["a2"], actor=organizer
        )
    assert Circle.objects.get(pk=fixed["circle_a"].pk).moderator_registration is None
    assert not OutboxEmail.objects.filter(key__startswith="circles:moderator-chosen").exists()


def test_refuses_a_person_who_already_moderates_another_circle(fixed, organizer, offers):
    choose_moderator(circle=fixed["circle_a"], registration=offers, actor=organizer)

    with pytest.raises(ActionRefused, match="already moderates"):
        choose_moderator(circle=fixed["circle_b"], registration=offers, actor=organizer)
    assert Circle.objects.get(pk=fixed["circle_b"].pk).moderator_registration_id is None


def test_refuses_a_cancelled_registration(fixed, organizer, offers):
    Registration.objects.filter(pk=offers.pk).update(status=Registration.Status.CANCELLED)

    with pytest.raises(ActionRefused, match="cancelled"):
        choose_moderator(circle=fixed["circle_a"], registration=offers, actor=organizer)


def test_refuses_a_registration_of_another_edition(fixed, organizer, series):
    other = EditionFactory(series=series)
    stranger = register(other, [], name="Otto Anders", can_moderate=True)

    with pytest.raises(ActionRefused, match="another edition"):
        choose_moderator(circle=fixed["circle_a"], registration=stranger, actor=organizer)


def test_view_shows_the_refusal_and_changes_nothing(client_for, organizer, fixed, edition):
    client = client_for(organizer)
    address = url("choose_moderator", edition, pk=fixed["circle_a"].pk)

    response = client.post(address, {"registration": fixed["people"]["a2"].pk}, follow=True)

    assert "did not offer to moderate" in response.content.decode()
    assert Circle.objects.get(pk=fixed["circle_a"].pk).moderator == fixed["mona"]


@pytest.mark.parametrize("value", ["other edition", "x", ""])
def test_a_person_not_of_this_edition_changes_nothing_and_names_nobody(
    client_for, organizer, fixed, edition, value
):
    other = register(
        EditionFactory(series=edition.series), [], name="Quirina Fremdweg", can_moderate=True
    )
    address = url("choose_moderator", edition, pk=fixed["circle_a"].pk)
    posted = other.pk if value == "other edition" else value

    response = client_for(organizer).post(address, {"registration": posted}, follow=True)

    page = response.content.decode()
    assert "choose a person from the list" in page
    assert "Fremdweg" not in page
    assert Circle.objects.get(pk=fixed["circle_a"].pk).moderator_registration_id is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_organizers_may_choose(request, client_for, fixed, edition, offers, persona):
    client = persona_client(request, client_for, persona, fixed)
    address = url("choose_moderator", edition, pk=fixed["circle_a"].pk)

    response = client.post(address, {"registration": offers.pk})

    chosen = Circle.objects.get(pk=fixed["circle_a"].pk).moderator_registration_id
    if persona in {"anonymous", "participant"}:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif persona in {"organizer", "superuser"}:
        assert response.status_code == 302
        assert chosen == offers.pk
        return
    else:
        assert response.status_code == 404
    assert chosen is None


def test_choosing_is_post_only(client_for, organizer, fixed, edition, offers):
    address = url("choose_moderator", edition, pk=fixed["circle_a"].pk)

    assert client_for(organizer).get(address, {"registration": offers.pk}).status_code == 405
    assert Circle.objects.get(pk=fixed["circle_a"].pk).moderator_registration is None


def test_a_chosen_moderator_who_cancels_no_longer_moderates(fixed, organizer, offers):
    choose_moderator(circle=fixed["circle_a"], registration=offers, actor=organizer)

    cancel_registration(registration=offers)

    circle = Circle.objects.get(pk=fixed["circle_a"].pk)
    assert circle.moderator_name == ""
    assert circle.moderator_registration is None
    assert circle.moderator_consent_at is None
