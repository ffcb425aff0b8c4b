"""Messages to the people in circles: everyone in a circle, the members of one circle, or the
moderators of the edition's circles; the page counts them, sending queues one email each."""

import pytest
from django.urls import reverse

from klimakreise.circles.models import Circle, CircleMember
from klimakreise.circles.services import choose_moderator
from klimakreise.circles.services.membership import remove_member
from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations.models import Registration
from klimakreise.registrations.services import cancel_registration
from tests.circles.factories import register
from tests.circles.helpers import persona_client

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "participant", "stranger", "moderator", "organizer", "superuser"]
MESSAGE_ID = "0123456789abcdef0123456789abcdef"
IN_MOBILITY = ["Alma Zwei", "Anna Amt", "Arne Eins"]


def message_url(edition, **query):
    address = reverse("registrations_organizer:message", kwargs={"slug": edition.slug})
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def names(client, edition, **query):
    response = client.get(message_url(edition, **query))
    assert response.status_code == 200
    return sorted(person.name for person in response.context["recipients"])


def send(client, edition, **query):
    data = {
        "subject": "Hallo {name}",
        "body": "Text für {name} {personal_link}",
        "message_id": MESSAGE_ID,
    }
    return client.post(message_url(edition, **query), {**data, "action": "send"})


def queued():
    return sorted(
        OutboxEmail.objects.filter(key__startswith="organizer-message:").values_list(
            "to", flat=True
        )
    )


@pytest.fixture
def late(fixed, edition):
    """Signed up after the circles were fixed: in no circle."""
    return register(edition, [fixed["a"]], name="Lena Spät", email="lena@example.org")


@pytest.fixture
def chosen(fixed, organizer):
    """Arne (a member of Mobilität) chosen from the sign-ups to moderate Energie."""
    arne = fixed["people"]["a1"]
    Registration.objects.filter(pk=arne.pk).update(can_moderate=True)
    arne.refresh_from_db()
    choose_moderator(circle=fixed["circle_b"], registration=arne, actor=organizer)
    OutboxEmail.objects.all().delete()  # the choice's own email is not the message under test
    return arne


def test_everyone_in_circles_leaves_out_those_in_no_circle(client_for, organizer, fixed, late):
    everyone = names(client_for(organizer), fixed["a"].edition, circle="any")

    assert len(everyone) == 6
    assert "Lena Spät" not in everyone


def test_one_circle_is_its_members_only(client_for, organizer, fixed, edition):
    assert names(client_for(organizer), edition, circle=fixed["circle_a"].pk) == IN_MOBILITY


def test_moderators_are_the_accounts_and_the_chosen_sign_ups(
    client_for, organizer, fixed, edition, chosen
):
    client = client_for(organizer)

    assert names(client, edition, to="moderators") == ["Arne Eins", "Mona Moderatorin"]
    assert "To 2 people, one email each." in client.get(
        message_url(edition, to="moderators")
    ).content.decode("utf-8")


def test_the_page_counts_the_recipients_before_sending(client_for, organizer, fixed, edition):
    html = client_for(organizer).get(message_url(edition, circle=fixed["circle_a"].pk))

    assert "To 3 people, one email each." in html.content.decode()
    assert not OutboxEmail.objects.exists()


def test_sending_to_a_circle_queues_one_email_per_member(client_for, organizer, fixed, edition):
    client = client_for(organizer)

    response = send(client, edition, circle=fixed["circle_a"].pk)
    send(client, edition, circle=fixed["circle_a"].pk)  # a double submit queues nothing more

    assert response.status_code == 302
    expected = sorted(fixed["people"][key].email for key in ("a_admin", "a1", "a2"))
    assert queued() == expected


@pytest.mark.parametrize("query", [{"circle": "999999"}, {"to": "xyz"}, {"circle": "x"}])
def test_an_unknown_circle_or_group_sends_to_nobody(client_for, organizer, fixed, edition, query):
    client = client_for(organizer)

    assert names(client, edition, **query) == []
    response = send(client, edition, **query)

    assert response.status_code == 200  # the page again, with the filter's error
    assert queued() == []


def test_sending_to_the_moderators_queues_one_email_each(
    client_for, organizer, fixed, edition, chosen
):
    send(client_for(organizer), edition, to="moderators")

    assert queued() == sorted([chosen.email, fixed["mona"].email])
    mona = OutboxEmail.objects.get(to=fixed["mona"].email)
    assert "Text für Mona Moderatorin" in mona.text
    assert "because you help run the circles" in mona.text  # not "you registered"


def test_a_moderator_who_is_also_the_chosen_sign_up_gets_one_email(
    client_for, organizer, fixed, edition, chosen
):
    Circle.objects.filter(pk=fixed["circle_b"].pk).update(moderator=fixed["mona"])
    Registration.objects.filter(pk=chosen.pk).update(email=fixed["mona"].email.upper())

    send(client_for(organizer), edition, to="moderators")

    assert queued() == [fixed["mona"].email.upper()]


def test_a_cancelled_member_gets_nothing(client_for, organizer, fixed, edition):
    cancel_registration(registration=fixed["people"]["a2"])

    send(client_for(organizer), edition, circle=fixed["circle_a"].pk)

    assert fixed["people"]["a2"].email not in queued()
    assert len(queued()) == 2


def test_a_removed_member_gets_nothing(client_for, organizer, fixed, edition):
    member = CircleMember.objects.get(registration=fixed["people"]["a2"])
    remove_member(member=member, actor=organizer)

    send(client_for(organizer), edition, circle="any")

    assert fixed["people"]["a2"].email not in queued()
    assert len(queued()) == 5


def test_a_cancelled_chosen_moderator_gets_nothing(client_for, organizer, fixed, edition, chosen):
    cancel_registration(registration=chosen)

    send(client_for(organizer), edition, to="moderators")

    assert queued() == [fixed["mona"].email]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_organizers_may_write_to_circles(request, client_for, fixed, edition, persona, method):
    client = persona_client(request, client_for, persona, fixed)

    if method == "get":
        response = client.get(message_url(edition, circle=fixed["circle_a"].pk))
    else:
        response = send(client, edition, circle=fixed["circle_a"].pk)

    if persona in {"anonymous", "participant"}:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif persona in {"organizer", "superuser"}:
        assert response.status_code == (200 if method == "get" else 302)
    else:
        assert response.status_code == 404
    assert bool(queued()) == (method == "post" and persona in {"organizer", "superuser"})


def test_members_page_links_to_the_message_for_each_circle(client_for, organizer, fixed, edition):
    html = client_for(organizer).get(reverse("circles:members", args=[edition.slug])).content

    assert message_url(edition, circle=fixed["circle_a"].pk).encode() in html
    assert message_url(edition, to="moderators").encode() in html


def test_message_page_names_the_group_instead_of_the_filters(client_for, organizer, fixed, edition):
    html = client_for(organizer).get(message_url(edition, to="moderators")).content.decode()

    assert 'id="recipient-group"' in html
    assert "the moderators of the circles" in html


def test_a_moderators_account_gets_the_message_in_the_sites_language(
    client_for, organizer, fixed, edition, settings
):
    settings.LANGUAGE_CODE = "de"

    send(client_for(organizer), edition, to="moderators")

    mona = OutboxEmail.objects.get(to=fixed["mona"].email)
    assert mona.language == "de"
    assert "weil Sie bei den Kreisen" in mona.text
    assert "{personal_link}" not in mona.text
