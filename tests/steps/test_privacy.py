"""No personal data in public answers: `responsible` only for organizations and people who
agreed to be named."""

import json

import pytest

from tests.factories import RegistrationFactory
from tests.steps.factories import make_member, owned_by, step_card

pytestmark = pytest.mark.django_db


def responsible_of(client, world, card):
    steps = client.get(f"/api/v1/editions/{world.edition.slug}/steps").json()
    return next(s for s in steps if s["id"] == card.pk)["responsible"]


def test_a_participant_who_did_not_agree_is_null(client, world):
    assert world.member.public_listing is False
    assert responsible_of(client, world, world.own) is None


def test_a_participant_who_agreed_is_named(client, world):
    world.member.public_listing = True
    world.member.save()
    assert responsible_of(client, world, world.own) == world.member.name


def test_an_organization_is_named(client, world):
    assert responsible_of(client, world, world.contact_card) == "Stadtwerke"


def test_the_owner_decides_even_when_the_text_is_not_their_name(client, world):
    world.own.responsible = "AG Verkehr"
    world.own.save()
    assert responsible_of(client, world, world.own) is None  # its owner did not agree


def test_a_contacts_name_is_not_shown(client, world):
    card = step_card(world.circle, responsible="Rita Kontakt")
    owned_by(card, contact_name="Rita Kontakt", contact_email="rk@example.org")
    assert responsible_of(client, world, card) is None


def test_a_short_form_of_an_unlisted_participant_is_hidden(client, world):
    person = RegistrationFactory(edition=world.edition, name="Hedwig Muster")
    del person
    card = step_card(world.circle, responsible="H. Muster", text="Mit Hedwig Muster reden")
    steps = client.get(f"/api/v1/editions/{world.edition.slug}/steps").json()
    step = next(s for s in steps if s["id"] == card.pk)
    assert step["responsible"] is None
    assert "Muster" not in step["text"]


def test_no_email_address_in_any_public_answer(client, world, next_edition):
    make_member(world.circle)
    for path in (f"{world.edition.slug}/steps", f"{next_edition.slug}/review"):
        text = client.get(f"/api/v1/editions/{path}").text
        assert "@" not in text
        assert world.member.name not in text


def results_text(client, world) -> tuple[str, str]:
    page = client.get(f"/e/{world.edition.slug}/results/").content.decode()
    api = client.get(f"/api/v1/editions/{world.edition.slug}/results").json()
    return page, json.dumps(api, ensure_ascii=False)


def test_the_results_page_and_api_hide_what_the_steps_api_hides(client, world):
    world.own.responsible = "Kai Außenstehend"  # a typed name; its owner did not agree
    world.own.save()
    card = step_card(world.circle, responsible="Rita Kontakt")
    owned_by(card, contact_name="Rita Kontakt", contact_email="rk@example.org")
    for text in results_text(client, world):
        assert "Kai Außenstehend" not in text
        assert "Rita Kontakt" not in text
        assert "Stadtwerke" in text  # an organization stays


def test_the_results_page_names_an_owner_who_agreed(client, world):
    world.member.public_listing = True
    world.member.save()
    world.own.responsible = "Kai Außenstehend"
    world.own.save()
    page, api = results_text(client, world)
    assert "Kai Außenstehend" in page and "Kai Außenstehend" in api
