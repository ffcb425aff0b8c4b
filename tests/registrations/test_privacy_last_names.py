"""A last name of a person who did not agree to be named: after a salutation or title, and alone
where it is unambiguous in the edition (see klimakreise.registrations.privacy)."""

import pytest

from klimakreise.registrations.privacy import (
    HIDDEN_NAME,
    UnlistedNames,
    hidden_name_forms,
    unlisted_names,
    without_unlisted_name,
)
from tests.factories import EditionFactory, RegistrationFactory


def among(*people: tuple[str, bool]) -> UnlistedNames:
    return UnlistedNames(hidden_name_forms(people))


HEDWIG = ("Hedwig Muster", False)


@pytest.mark.parametrize(
    "addressed",
    [
        "Frau Muster",
        "Fr. Muster",
        "Herr Muster",
        "Herrn Muster",
        "Hr. Muster",
        "Dr. Muster",
        "Prof. Muster",
        "Herrn Dr. Muster",
        "Hr. Prof. Muster",
        "Frau Dr. Muster",
        "Mr Muster",
        "Mrs. Muster",
        "Ms Muster",
        "frau muster",
    ],
)
def test_a_last_name_after_a_salutation_or_title_is_hidden_whole(addressed):
    # Even where the last name alone is ambiguous (Karl Muster agreed to be named).
    names = among(HEDWIG, ("Karl Muster", True))

    assert (
        names.hide(f"{addressed} bringt die Liste mit.") == f"{HIDDEN_NAME} bringt die Liste mit."
    )


def test_a_salutation_before_another_name_stays():
    assert among(HEDWIG).hide("Frau Beispiel bringt die Liste") == "Frau Beispiel bringt die Liste"


def test_a_last_name_alone_is_hidden_when_no_listed_participant_has_it():
    names = among(HEDWIG, ("Paula Öffentlich", True))

    assert names.hide("Muster fragt beim Amt nach.") == f"{HIDDEN_NAME} fragt beim Amt nach."
    assert without_unlisted_name("Muster", names) == HIDDEN_NAME


def test_a_last_name_alone_stays_when_a_listed_participant_has_it_too():
    names = among(HEDWIG, ("Karl Muster", True))

    assert names.hide("Muster fragt beim Amt nach.") == "Muster fragt beim Amt nach."
    assert names.hide("Hedwig Muster fragt nach.") == f"{HIDDEN_NAME} fragt nach."


def test_a_last_name_that_is_a_listed_persons_first_name_stays_alone():
    names = among(("Hedwig Paul", False), ("Paul Öffentlich", True))

    assert names.hide("Paul fragt nach.") == "Paul fragt nach."


def test_a_last_name_that_is_also_a_word_is_hidden_only_when_capitalized():
    names = among(("Dr. Jonas Klein", False))

    assert names.hide("Das ist ein klein wenig teurer.") == "Das ist ein klein wenig teurer."
    assert names.hide("Klein übernimmt das.") == f"{HIDDEN_NAME} übernimmt das."
    assert names.hide("Gespräch mit Klein.") == f"Gespräch mit {HIDDEN_NAME}."


def test_two_unlisted_people_with_one_last_name_hide_it_alone():
    names = among(HEDWIG, ("Otto Muster", False))

    assert names.hide("Muster fragt nach.") == f"{HIDDEN_NAME} fragt nach."


def test_a_last_name_registered_first_is_recognized_alone():
    assert among(("Muster, Hedwig", False)).hide("Muster fragt") == f"{HIDDEN_NAME} fragt"


def test_a_one_letter_last_name_is_not_hidden_alone():
    names = among(("Hedwig M.", False))

    assert names.hide("Plan B: M wie Mobilität") == "Plan B: M wie Mobilität"


def test_listed_people_are_not_hidden_at_all():
    names = among(("Paula Öffentlich", True))

    assert names.hide("Frau Öffentlich und Öffentlich") == "Frau Öffentlich und Öffentlich"


@pytest.mark.django_db
def test_the_editions_registrations_decide_whether_a_last_name_is_unambiguous():
    edition, other = EditionFactory(), EditionFactory()
    RegistrationFactory(edition=edition, name="Hedwig Muster", public_listing=False)
    RegistrationFactory(edition=other, name="Karl Muster", public_listing=True)

    names = UnlistedNames(unlisted_names(edition))

    assert names.hide("Muster ruft an") == f"{HIDDEN_NAME} ruft an"
    RegistrationFactory(edition=edition, name="Karl Muster", public_listing=True)
    assert UnlistedNames(unlisted_names(edition)).hide("Muster ruft an") == "Muster ruft an"
    assert UnlistedNames(unlisted_names(edition)).hide("Frau Muster ruft an") == (
        f"{HIDDEN_NAME} ruft an"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Frau Musters Vorschlag: Dachgärten",
        "Hedwig Musters Idee",
        "Musters Team übernimmt",
        "Frau Mus\u200bter übernimmt",
        "Frau Mus\u00adter übernimmt",
        "Hrn. Muster fragen",
        "Frl. Muster fragen",
    ],
)
def test_genitives_invisible_characters_and_more_salutations_are_hidden(text):
    hidden = among(HEDWIG).hide(text)

    assert "Mus" not in hidden and HIDDEN_NAME in hidden


def test_umlauts_written_as_two_letters_are_the_same_name():
    names = among(("Christiana Hölzenbecher", False), ("Karl-Hermann Mühle", False))

    hidden = names.hide("Frau Hoelzenbecher und Herr Muehle uebernehmen")

    assert "Hoelzenbecher" not in hidden and "Muehle" not in hidden
