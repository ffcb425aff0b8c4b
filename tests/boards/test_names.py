"""Names typed on cards: the public reads only names of people who agreed to be named, and a
person's erasure removes their name from the boards."""

import unicodedata

import pytest

from klimakreise.boards.models import Card, CardChange
from klimakreise.boards.services import edit_card
from klimakreise.registrations.models import Registration
from klimakreise.registrations.organizer.services import edit_fingerprint, update_registration
from klimakreise.registrations.privacy import HIDDEN_NAME
from klimakreise.registrations.retention import anonymize_edition_registrations
from klimakreise.registrations.services import RegistrationData, delete_registration
from tests.boards.factories import CardFactory, make_member, publish

pytestmark = pytest.mark.django_db

# Who reads the names of people who did not agree to be named: the circle's insiders only. The
# whole persona matrix is tested where the rule lives (test_reading.py); here the board's pages
# show that they read through it.
ON_THE_BOARD = [("anonymous", False), ("member", True)]
IN_THE_PLENARY = [("anonymous", False), ("stranger", False), ("staff", True), ("organizer", True)]


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


@pytest.mark.parametrize(("name", "sees_unlisted"), ON_THE_BOARD)
def test_on_a_published_board_the_public_reads_only_names_of_people_who_agreed(
    persona, circle, named_steps, name, sees_unlisted
):
    publish(circle.edition)
    assert reads_unlisted_name(persona(name), f"/circles/{circle.pk}/board/") is sees_unlisted


@pytest.mark.parametrize(("name", "sees_unlisted"), IN_THE_PLENARY)
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
    from klimakreise.registrations.privacy import ACADEMIC_TITLES, SALUTATIONS, name_forms

    forms = name_forms("Hedwig Anna Muster")
    addressed = {form for form in forms if form.split()[0] in SALUTATIONS | ACADEMIC_TITLES}
    assert forms - addressed == {
        "hedwig anna muster",
        "hedwig anna m",
        "hedwig m",
        "h muster",
        "muster hedwig",
    }
    assert {"frau muster", "herrn dr muster", "hr prof muster", "mrs muster"} <= forms
    assert name_forms("Dr. Hedwig Muster") >= {"dr hedwig muster", "hedwig muster", "h muster"}
    assert name_forms("Muster, Hedwig") >= {"hedwig muster", "muster hedwig", "hedwig m"}
    assert name_forms(" Max ") == {"max"}
    assert name_forms("") == set()


@pytest.fixture
def named_in_text(circle, member):
    """Cards whose text names the unlisted member, in every column, and one that names a
    participant who agreed to be named."""
    member.name = "Friedbert Walter"
    member.save()
    listed = make_member(circle)
    listed.name, listed.public_listing = "Paula Öffentlich", True
    listed.save()
    return [
        CardFactory(circle=circle, column=Card.Column.IDEAS, text="Friedbert Walter fragt nach"),
        CardFactory(
            circle=circle,
            column=Card.Column.NEXT_STEPS,
            text="Friedbert Walter ruft beim Umweltamt an",
            responsible="Paula Öffentlich",
        ),
        CardFactory(
            circle=circle,
            column=Card.Column.RESPONSIBILITIES,
            text="Paula Öffentlich und F. Walter laden ein",
        ),
    ]


def reads_name_in_text(client, url) -> bool:
    text = client.get(url).content.decode()
    assert "Paula Öffentlich" in text
    named = "Friedbert Walter ruft beim Umweltamt an" in text
    hidden = f"{HIDDEN_NAME} ruft beim Umweltamt an" in text
    assert named is not hidden
    assert ("F. Walter laden ein" in text) is named
    assert ("Paula Öffentlich und … laden ein" in text) is hidden
    return named


@pytest.mark.parametrize(("name", "sees_unlisted"), ON_THE_BOARD)
def test_on_a_published_board_an_unlisted_name_in_a_cards_text_is_hidden_from_the_public(
    persona, circle, named_in_text, name, sees_unlisted
):
    publish(circle.edition)
    url = f"/circles/{circle.pk}/board/"
    assert reads_name_in_text(persona(name), url) is sees_unlisted
    ideas = persona(name).get(url).content.decode()
    assert ("Friedbert Walter fragt nach" in ideas) is sees_unlisted


@pytest.mark.parametrize(("name", "sees_unlisted"), IN_THE_PLENARY)
def test_in_the_published_plenary_an_unlisted_name_in_a_cards_text_is_hidden_from_the_public(
    persona, circle, named_in_text, name, sees_unlisted
):
    publish(circle.edition)
    url = f"/e/{circle.edition.slug}/plenary/"
    assert reads_name_in_text(persona(name), url) is sees_unlisted


@pytest.mark.parametrize(("name", "sees_unlisted"), IN_THE_PLENARY)
def test_the_plenary_hides_an_unlisted_last_name_after_a_salutation_and_alone(
    persona, circle, named_in_text, name, sees_unlisted
):
    CardFactory(circle=circle, column=Card.Column.NEXT_STEPS, text="Herrn Dr. Walter fragen")
    CardFactory(circle=circle, column=Card.Column.NEXT_STEPS, text="Walter kennt den Weg")
    publish(circle.edition)

    text = persona(name).get(f"/e/{circle.edition.slug}/plenary/").content.decode()

    assert ("Herrn Dr. Walter fragen" in text) is sees_unlisted
    assert ("Walter kennt den Weg" in text) is sees_unlisted
    assert (f"{HIDDEN_NAME} kennt den Weg" in text) is not sees_unlisted


def test_the_refreshed_board_hides_an_unlisted_name_in_a_cards_text_too(
    persona, circle, named_in_text
):
    publish(circle.edition)
    fragment = persona("anonymous").get(
        f"/circles/{circle.pk}/board/", headers={"hx-request": "true"}
    )
    text = fragment.content.decode()
    assert "Walter" not in text and f"{HIDDEN_NAME} ruft beim Umweltamt an" in text


def test_a_hidden_name_leaves_the_cards_markup_escaped(persona, circle, member):
    member.name = "Friedbert Walter"
    member.save()
    CardFactory(circle=circle, text="<b>Friedbert Walter</b> <script>alert(1)</script>")
    publish(circle.edition)
    text = persona("anonymous").get(f"/circles/{circle.pk}/board/").content.decode()
    assert "&lt;b&gt;…&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert(1)" not in text and "Walter" not in text


def test_an_open_public_board_hides_a_name_in_a_cards_text_once_consent_is_withdrawn(
    persona, circle, named_in_text
):
    publish(circle.edition)
    public = persona("anonymous")
    url = f"/circles/{circle.pk}/board/"
    CardFactory(circle=circle, text="Paula Öffentlich moderiert")
    first = public.get(url, headers={"hx-request": "true"})
    assert "Paula Öffentlich moderiert" in first.content.decode()
    listed = Registration.objects.get(name="Paula Öffentlich")
    unlisted = RegistrationData(
        name=listed.name, email=listed.email, sector=listed.sector, public_listing=False
    )
    update_registration(registration=listed, data=unlisted, fingerprint=edit_fingerprint(listed))
    # Nothing changed on the board, yet the ETag does: the old copy may not be kept.
    again = public.get(url, headers={"hx-request": "true", "if-none-match": first["ETag"]})
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert "Öffentlich" not in again.content.decode()
    assert f"{HIDDEN_NAME} moderiert" in again.content.decode()


@pytest.mark.parametrize(("name", "sees_name"), [("anonymous", False), ("member", True)])
def test_the_public_reads_the_notes_without_unlisted_names(
    persona, circle, named_steps, name, sees_name
):
    from klimakreise.boards.models import CircleNotes

    CircleNotes.objects.create(circle=circle, text="Protokoll: **Hedwig Ungenannt** lädt ein.")
    publish(circle.edition)

    page = persona(name).get(f"/circles/{circle.pk}/").content.decode()

    assert ("Hedwig Ungenannt" in page) is sees_name
    assert "lädt ein" in page


def test_erasing_a_person_hides_their_name_in_card_texts_notes_and_history(
    persona, circle, member, named_steps
):
    from klimakreise.boards.models import CircleNotes

    card = CardFactory(circle=circle, column=Card.Column.IDEAS, text="Idee von Hedwig Ungenannt")
    edit_card(
        circle=circle,
        card_id=card.pk,
        version=card.version,
        actor={},
        text="Idee von Hedwig Ungenannt, mit Max",
    )
    CircleNotes.objects.create(circle=circle, text="**Hedwig Ungenannt** lädt ein.")
    publish(circle.edition)

    delete_registration(registration=member)

    card.refresh_from_db()
    assert card.text == "Idee von …, mit Max"
    assert CircleNotes.objects.get(circle=circle).text == "**…** lädt ein."
    history = str(list(CardChange.objects.filter(circle=circle).values_list("before", "after")))
    assert "Ungenannt" not in history
    page = persona("anonymous").get(f"/e/{circle.edition.slug}/results/").content.decode()
    assert "Ungenannt" not in page
