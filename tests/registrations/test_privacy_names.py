"""Hiding the names of participants who did not agree to be named inside longer texts (card
texts, notes): each mention is replaced, the rest of the text stays exactly as written."""

import unicodedata

import pytest

from klimakreise.registrations.privacy import (
    HIDDEN_NAME,
    UnlistedNames,
    hide_unlisted_names,
    mentions,
    name_forms,
    without_unlisted_name,
)


def unlisted(*names: str) -> UnlistedNames:
    return UnlistedNames(form for name in names for form in name_forms(name))


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_mention_is_replaced_from_its_first_to_its_last_word_and_the_rest_stays():
    hidden = hide_unlisted_names("Dr. Hedwig Muster (AG Rad)", unlisted("Hedwig Muster"))
    assert hidden == f"Dr. {HIDDEN_NAME} (AG Rad)"


def test_every_mention_is_replaced_each_in_its_place():
    names = unlisted("Hedwig Muster", "Friedbert Walter")
    text = "Friedbert Walter ruft an, Hedwig Muster schreibt, danach noch einmal friedbert walter."
    assert names.hide(text) == "… ruft an, … schreibt, danach noch einmal …."


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Hedwig M. fragt nach", "…. fragt nach"),
        ("H. Muster fragt nach", "… fragt nach"),
        ("hedwig m fragt nach", "… fragt nach"),
        ("HEDWIG MUSTER fragt nach", "… fragt nach"),
        ("Hedwig\u00a0Muster fragt nach", "… fragt nach"),
        ("ｈｅｄｗｉｇ ｍｕｓｔｅｒ fragt nach", "… fragt nach"),  # full width: NFKC
        ("Hedwig-Muster fragt nach", "… fragt nach"),
        ("_Hedwig Muster_ fragt nach", "_…_ fragt nach"),  # Markdown emphasis
    ],
)
def test_short_forms_case_and_unicode_variants_are_hidden(written, expected):
    assert unlisted("Hedwig Muster").hide(written) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hedwigs Musterhaus",
        "Hedwig Mustermann ruft an",
        "Maximilian und Maxi",
        "Hedwig allein",
        "Muster ohne Vorname",
        "",
    ],
)
def test_only_whole_words_of_a_whole_name_form_are_hidden(text):
    names = unlisted("Hedwig Muster", "Max")
    assert names.hide(text) == text
    assert not names.mentioned_in(text)


def test_offsets_stay_right_around_umlauts_and_combining_accents():
    names = unlisted("Jürgen Öhler", "José Müller")
    # Decomposed: "ü" is "u" and U+0308, "é" is "e" and U+0301; the text keeps them so.
    text = nfd("Über Jürgen Öhler läuft’s, José Müller prüft: Öhler. Hallo José")
    assert names.hide(text) == nfd("Über … läuft’s, … prüft: Öhler. Hallo José")
    composed = "Grüße an JÜRGEN ÖHLER und José Müller!"
    assert names.hide(composed) == "Grüße an … und …!"


def test_a_combining_accent_at_the_end_of_a_name_goes_with_it():
    text = nfd("Anruf bei Renée Müllerè?")
    names = unlisted("Renée Müllerè")
    assert names.hide(text) == "Anruf bei …?"


def test_the_longest_of_overlapping_forms_is_hidden_whole():
    names = unlisted("Hedwig Anna Muster")
    text = "Hedwig Anna Muster, Hedwig Anna M., Hedwig M. und H. Muster"
    # "Muster, Hedwig" is a form too, so the first two mentions are hidden as one.
    assert names.hide(text) == "…., …. und …"
    assert "Anna" not in names.hide("Hedwig Anna Muster (AG Rad)")


def test_overlapping_names_of_two_people_are_hidden_as_one():
    names = unlisted("Paul Hedwig", "Hedwig Anna Muster")
    assert names.hide("Paul Hedwig Anna Muster ruft an") == "… ruft an"


def test_what_reads_as_a_name_once_another_is_hidden_is_hidden_too():
    names = unlisted("Jürgen Öhler", "Max")
    assert names.hide("Jürgen Max Öhler kommt") == "… kommt"


def test_markdown_around_a_name_stays():
    names = unlisted("Hedwig Muster")
    text = "- **Hedwig Muster** ruft [das Amt](https://example.org/amt) an\n- _H. Muster_"
    assert names.hide(text) == "- **…** ruft [das Amt](https://example.org/amt) an\n- _…_"


def test_a_name_in_an_address_is_hidden_as_words_separated_by_punctuation():
    names = unlisted("Hedwig Muster")
    assert names.hide("mailto:hedwig.muster@example.org") == "mailto:…@example.org"


def test_many_names_with_shared_beginnings_are_all_found():
    people = ["Ann Berg", "Anna Berger", "Annabell Bergmann", "Anton B"]
    names = unlisted(*people, *(f"Person{i} Nachname{i}" for i in range(300)))
    for person in people:
        assert names.hide(f"Anruf: {person}.") == "Anruf: ….", person
    assert names.hide("Nachname7 und Person12 Nachname12") == "Nachname7 und …"
    assert names.hide("Annemarie Bergfeld") == "Annemarie Bergfeld"


def test_without_unlisted_names_texts_stay_as_they_are():
    text = "Friedbert Walter ruft beim Umweltamt an"
    assert hide_unlisted_names(text, set()) is text
    assert not UnlistedNames([])
    assert UnlistedNames({""}).hide(text) is text


def test_the_names_can_be_given_as_a_set_or_prepared():
    forms = name_forms("Friedbert Walter")
    text = "Friedbert Walter ruft beim Umweltamt an"
    assert hide_unlisted_names(text, forms) == hide_unlisted_names(text, UnlistedNames(forms))
    assert hide_unlisted_names(text, forms) == "… ruft beim Umweltamt an"


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Hedwig Muster (AG Rad)",
        nfd("Jürgen Öhler"),
        "H.Muster",
        "hedwig_muster",
        "Hedwigs Muster",
        "Muster™",
        "Paul Hedwig Anna",
        "",
    ],
)
def test_recognizes_the_same_mentions_as_mentions(text):
    forms = {f for n in ("Hedwig Muster", "Jürgen Öhler", "Paul Hedwig") for f in name_forms(n)}
    assert UnlistedNames(forms).mentioned_in(text) is mentions(text, forms)


def test_a_name_field_that_mentions_someone_is_hidden_as_a_whole():
    names = unlisted("Hedwig Muster")
    assert without_unlisted_name("Dr. Hedwig Muster (AG Rad)", names) == HIDDEN_NAME
    assert without_unlisted_name("Radentscheid-Initiative", names) == "Radentscheid-Initiative"


def test_a_title_or_the_last_name_first_does_not_keep_a_name_from_being_hidden():
    titled, reversed_ = unlisted("Dr. Hedwig Muster"), unlisted("Muster, Hedwig")
    for names in (titled, reversed_):
        for text in ("Hedwig Muster", "H. Muster", "Hedwig M.", "Muster, Hedwig"):
            assert "Muster" not in names.hide(f"Anruf: {text}") and "Hedwig" not in names.hide(
                f"Anruf: {text}"
            ), (names.forms, text)
    assert unlisted("Hedwig Muster").hide("Muster, Hedwig ruft an") == "… ruft an"


def test_remembered_answers_belong_to_their_set_of_names():
    # Answers are remembered per process for a set of names and a text: another set of names
    # must never get them, an equal set built again gets the same.
    text = "Hedwig Muster und Max Kraus planen"
    assert unlisted("Hedwig Muster").hide(text) == "… und Max Kraus planen"
    assert unlisted("Max Kraus").hide(text) == "Hedwig Muster und … planen"
    assert unlisted("Max Kraus").mentioned_in(text)
    assert not unlisted("Paula Öffentlich").mentioned_in(text)
    assert unlisted("Hedwig Muster", "Max Kraus").hide(text) == "… und … planen"
    assert unlisted("Hedwig Muster").hide(text) == "… und Max Kraus planen"
