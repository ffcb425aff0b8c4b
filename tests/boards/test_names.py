"""Names typed on cards: the public reads only names of people who agreed to be named, and a
person's erasure removes their name from the boards."""

import unicodedata

import pytest

from klimakreise.boards.models import Card, CardChange
from klimakreise.boards.services import edit_card
from klimakreise.outbox.retention import anonymize_edition_registrations
from klimakreise.registrations.models import Registration
from klimakreise.registrations.organizer_services import edit_fingerprint, update_registration
from klimakreise.registrations.privacy import HIDDEN_NAME
from klimakreise.registrations.services import RegistrationData, delete_registration
from tests.boards.factories import CardFactory, make_member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_steps(circle, member):
    """Two next steps: one names the (unlisted) member, one a person who agreed to be named."""
    member.name = "Hedwig Ungenannt"
    member.save()
    listed = make_member(circle)
    listed.name, listed.public_listing = "Paula Öffentlich", True
    listed.save()
    return [
        CardFactory(circle=circle, column=Card.Column.NEXT_STEPS, responsible=" hedwig ungenannt"),
        CardFactory(circle=circle, column=Card.Column.NEXT_STEPS, responsible="Paula Öffentlich"),
    ]


def reads_unlisted_name(client, url) -> bool:
    text = client.get(url).content.decode()
    assert "Paula Öffentlich" in text
    assert ("hedwig ungenannt" in text) is not (HIDDEN_NAME in text)
    return "hedwig ungenannt" in text


@pytest.mark.parametrize(
    ("name", "sees_unlisted"),
    [
        ("anonymous", False),
        ("stranger", False),
        ("member", True),
        ("staff", True),
        ("organizer", True),
    ],
)
def test_on_a_published_board_the_public_reads_only_names_of_people_who_agreed(
    persona, circle, named_steps, name, sees_unlisted
):
    publish(circle.edition)
    assert reads_unlisted_name(persona(name), f"/circles/{circle.pk}/board/") is sees_unlisted


@pytest.mark.parametrize(
    ("name", "sees_unlisted"),
    [("anonymous", False), ("stranger", False), ("staff", True), ("organizer", True)],
)
def test_in_the_published_plenary_the_public_reads_only_names_of_people_who_agreed(
    persona, circle, named_steps, name, sees_unlisted
):
    publish(circle.edition)
    url = f"/e/{circle.edition.slug}/plenary/"
    assert reads_unlisted_name(persona(name), url) is sees_unlisted


def test_deleting_ones_data_erases_ones_name_from_cards_and_history(circle, member, named_steps):
    mine, theirs = named_steps
    edited = edit_card(
        circle=circle,
        card_id=mine.pk,
        version=mine.version,
        actor={},
        text="Umfrage starten",
        responsible=mine.responsible,
    )
    revision = CardChange.objects.filter(circle=circle).latest("id").pk
    delete_registration(registration=member)
    edited.refresh_from_db()
    theirs.refresh_from_db()
    assert edited.responsible == "" and theirs.responsible == "Paula Öffentlich"
    history = list(CardChange.objects.filter(circle=circle).values_list("before", "after"))
    assert "ungenannt" not in str(history).lower()
    # Open boards see a new revision and reload.
    assert CardChange.objects.filter(circle=circle).latest("id").pk > revision


def test_anonymizing_an_edition_erases_the_names_from_its_cards(circle, named_steps):
    mine = named_steps[0]
    edit_card(
        circle=circle,
        card_id=mine.pk,
        version=mine.version,
        actor={},
        text="Umfrage starten",
        responsible="Dr. Hedwig Ungenannt (AG Rad)",
    )
    anonymize_edition_registrations(edition=circle.edition)
    responsible = set(Card.objects.filter(circle=circle).values_list("responsible", flat=True))
    assert responsible == {""}
    history = list(CardChange.objects.filter(circle=circle).values_list("before", "after"))
    assert "ungenannt" not in str(history).lower() and "öffentlich" not in str(history).lower()


def test_a_name_within_a_longer_text_is_hidden_too(persona, circle, named_steps):
    mine = named_steps[0]
    mine.responsible = "Dr. Hedwig Ungenannt (AG Rad) und Paula"
    mine.save()
    publish(circle.edition)
    text = persona("anonymous").get(f"/circles/{circle.pk}/board/").content.decode()
    assert "Ungenannt" not in text and HIDDEN_NAME in text


def test_an_open_public_board_reloads_when_someone_withdraws_consent(
    persona, circle, named_steps, organizer
):
    publish(circle.edition)
    public = persona("anonymous")
    url = f"/circles/{circle.pk}/board/"
    first = public.get(url, headers={"hx-request": "true"})
    assert "Paula Öffentlich" in first.content.decode()
    listed = Registration.objects.get(name="Paula Öffentlich")
    unlisted = RegistrationData(
        name=listed.name, email=listed.email, sector=listed.sector, public_listing=False
    )
    update_registration(registration=listed, data=unlisted, fingerprint=edit_fingerprint(listed))
    again = public.get(url, headers={"hx-request": "true", "if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert "Paula Öffentlich" not in again.content.decode()


def test_a_name_typed_with_combining_accents_is_recognized(persona, circle, member):
    member.name = "Jürgen Öhler"
    member.save()
    typed = unicodedata.normalize("NFD", "Jürgen Öhler")
    CardFactory(circle=circle, column=Card.Column.NEXT_STEPS, responsible=typed)
    publish(circle.edition)
    text = persona("anonymous").get(f"/circles/{circle.pk}/board/").content.decode()
    assert typed not in text and "Öhler" not in unicodedata.normalize("NFC", text)


def test_erasing_a_one_word_name_leaves_longer_names_alone(circle, member):
    member.name = "Max"
    member.save()
    other = CardFactory(circle=circle, column=Card.Column.NEXT_STEPS, responsible="Max Mustermann")
    alone = CardFactory(circle=circle, column=Card.Column.NEXT_STEPS, responsible="max")
    delete_registration(registration=member)
    other.refresh_from_db()
    alone.refresh_from_db()
    assert other.responsible == "Max Mustermann" and alone.responsible == ""


@pytest.mark.parametrize("written", ["Hedwig U.", "H. Ungenannt", "hedwig u"])
def test_short_forms_of_an_unlisted_name_are_hidden_too(persona, circle, named_steps, written):
    mine = named_steps[0]
    mine.responsible = f"{written} und Paula"
    mine.save()
    publish(circle.edition)
    text = persona("anonymous").get(f"/circles/{circle.pk}/board/").content.decode()
    assert written not in text and HIDDEN_NAME in text


def test_deleting_ones_data_erases_short_forms_of_ones_name(circle, member, named_steps):
    mine, theirs = named_steps
    mine.responsible = "H. Ungenannt"
    mine.save()
    delete_registration(registration=member)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.responsible == "" and theirs.responsible == "Paula Öffentlich"


def test_name_forms_are_the_name_and_its_usual_short_forms():
    from klimakreise.registrations.privacy import name_forms

    assert name_forms("Hedwig Anna Muster") == {
        "hedwig anna muster",
        "hedwig anna m",
        "hedwig m",
        "h muster",
    }
    assert name_forms(" Max ") == {"max"}
    assert name_forms("") == set()
