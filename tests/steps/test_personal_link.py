"""Updating a step through the personal link: no account, only one's own steps."""

import pytest
from django.urls import reverse

from klimakreise.boards.models import Card, CardChange
from klimakreise.steps.links import make_token
from klimakreise.steps.models import StepUpdate
from klimakreise.steps.services import assign_owner

pytestmark = pytest.mark.django_db


def page_url(follow_up):
    return reverse("steps:personal", kwargs={"token": make_token(follow_up)})


def update_url(follow_up, card):
    token = make_token(follow_up)
    return reverse("steps:personal_update", kwargs={"token": token, "card_id": card.pk})


def post(client, follow_up, card, **data):
    prefix = f"step-{card.pk}-"
    body = {prefix + key: value for key, value in data.items()}
    return client.post(update_url(follow_up, card), body)


def test_the_page_lists_only_the_owners_steps(client, world):
    response = client.get(page_url(world.own_follow_up))
    assert response.status_code == 200
    assert "Antrag stellen" in response.text
    assert "Pressemitteilung" not in response.text
    assert "Fest organisieren" not in response.text


def test_a_forged_token_is_a_404(client, world):
    url = reverse("steps:personal", kwargs={"token": make_token(world.own_follow_up) + "x"})
    assert client.get(url).status_code == 404


def test_a_participant_updates_status_and_note(client, world):
    card = world.own
    response = post(
        client, world.own_follow_up, card, status="in_progress", note="Termin steht", version=1
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.status == Card.Status.IN_PROGRESS
    assert card.version == 2
    update = StepUpdate.objects.get(card=card)
    assert (update.status, update.note, update.by) == ("in_progress", "Termin steht", "participant")
    assert update.by_registration == world.member
    # The board's own history shows the change as well.
    change = CardChange.objects.filter(card=card, action=CardChange.Action.EDITED).get()
    assert change.actor_registration == world.member


def test_every_update_is_kept(client, world):
    post(client, world.own_follow_up, world.own, status="in_progress", note="eins", version=1)
    post(client, world.own_follow_up, world.own, status="done", note="zwei", version=2)
    notes = list(StepUpdate.objects.filter(card=world.own).values_list("note", flat=True))
    assert notes == ["zwei", "eins"]
    page = client.get(page_url(world.own_follow_up)).text
    assert "eins" in page and "zwei" in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "finished", "note": "", "version": 1}, "status"),
        ({"status": "done", "note": "x" * 501, "version": 1}, "note"),
        ({"status": "done", "note": "", "version": ""}, "version"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(client, world, data, field):
    response = post(client, world.own_follow_up, world.own, **data)
    assert response.status_code == 400
    assert f'id="id_step-{world.own.pk}-{field}_error"' in response.text
    world.own.refresh_from_db()
    assert world.own.status == Card.Status.OPEN
    assert not StepUpdate.objects.exists()


def test_a_stale_version_is_refused_with_a_message(client, world):
    response = post(client, world.own_follow_up, world.own, status="done", note="", version=7)
    assert response.status_code == 302
    page = client.get(response.url).text
    assert "Someone else changed this" in page or "Jemand anderes" in page
    world.own.refresh_from_db()
    assert world.own.status == Card.Status.OPEN
    assert not StepUpdate.objects.exists()


def test_someone_elses_step_is_a_404(client, world):
    response = post(client, world.own_follow_up, world.nobodys, status="done", note="", version=1)
    assert response.status_code == 404
    world.nobodys.refresh_from_db()
    assert world.nobodys.status == Card.Status.OPEN


def test_a_contact_updates_through_their_link(client, world):
    response = post(client, world.contact_follow_up, world.contact_card, status="done", version=1)
    assert response.status_code == 302
    update = StepUpdate.objects.get(card=world.contact_card)
    assert update.by == StepUpdate.By.CONTACT
    assert update.by_registration is None


def test_a_new_owner_revokes_the_old_link(client, world):
    old_url = page_url(world.own_follow_up)
    assign_owner(card=world.own, contact_name="Neu", contact_email="neu@example.org")
    assert client.get(old_url).status_code == 404
