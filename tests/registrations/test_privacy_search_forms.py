"""The forms that public pages search for are written compactly (search_forms: a last name after a
salutation or title is one form, not 35), and find exactly what the full name_forms() find: the
same mentions, hidden the same way, among the same listed and unlisted participants."""

import itertools
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from klimakreise.registrations.privacy import (
    ADDRESSED,
    CAPITALIZED,
    HIDDEN_NAME,
    TITLES,
    UMLAUTS,
    UnlistedNames,
    _addressed,
    _genitives,
    folded,
    hidden_name_forms,
    last_name,
    name_forms,
    normalized_name,
    search_forms,
)

NAMES = [
    "Hedwig Muster",
    "Dr. Hedwig Anna Muster",
    "Muster, Hedwig",
    "Karl Muster",
    "Jürgen Öhler",
    "Christiana Hölzenbecher",
    "Karl-Hermann Mühle",
    "Anna Herr",  # a last name that is also a salutation
    "Paul Dr",
    "Herr, Anna",  # a last name that is a salutation, registered first
    "Dr. Öhler, Jürgen",
    "Muster, Hedwig, Anna",
    "Muster，Hedwig",  # a fullwidth comma, a comma after NFKC
    "Hed\u200bwig Mus\u00adter",
    "Li Wei",
    "Max",
    "Hedwig M.",
    "Prof. Dr. Jonas Klein",
    "Otto Walter",
]
WORDS = [
    "Frau", "Fr.", "Herr", "Herrn", "Hr.", "Hrn.", "Frl.", "Mrs.", "Ms", "Mx", "Dr.", "Prof.",
    "Dr", "Muster", "Musters", "muster", "Hedwig", "Hedwigs", "H.", "M.", "Anna", "Karl", "Öhler",
    "Oehler", "Jürgen", "Hoelzenbecher", "Mühle", "Muehle", "Herr", "Wei", "Li", "Weis", "Max",
    "Klein", "klein", "Jonas", "Walter", "Walters", "Otto", "Paul", "und", "ruft", "an", "(AG Rad)",
    "übernimmt", "–", ",", ":", "Mus\u200bter",
]  # fmt: skip


def name_forms_as_written_before(name: str) -> frozenset[str]:
    """name_forms() as it was written before search_forms(), the reference for both."""
    as_registered = normalized_name(name)
    text = unicodedata.normalize("NFKC", name)
    if text.count(",") == 1:
        last, given = text.split(",")
        text = f"{given} {last}"
    words = [word for word in normalized_name(text).split() if word not in TITLES]
    if len(words) < 2:
        return frozenset({as_registered, *words} - {""})
    *given, last = words
    short = {" ".join(words), " ".join([*given, last[0]]), f"{given[0]} {last[0]}"}
    short |= {f"{given[0][0]} {last}", f"{last} {given[0]}"}
    return frozenset({as_registered, *short, *_addressed(last)})


def last_name_as_written_before(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    if text.count(",") == 1:
        text = text.split(",")[0]
        return normalized_name(text).split()[-1] if normalized_name(text) else ""
    words = [word for word in normalized_name(text).split() if word not in TITLES]
    return words[-1] if len(words) >= 2 else ""


def hidden_name_forms_in_full(people) -> set[str]:
    """hidden_name_forms() as it was written before search_forms(): with name_forms()."""
    people = list(people)
    listed = {
        word for name, listed in people if listed for word in name_forms_as_written_before(name)
    }
    listed_words = {word for form in listed for word in form.split()}
    forms: set[str] = set()
    for name, listed in people:
        if listed:
            continue
        own = set(name_forms_as_written_before(name))
        last = last_name_as_written_before(name)
        if len(last) > 1 and last not in listed_words:
            own.add(CAPITALIZED + last)
        forms.update(own, _genitives(own))
    return forms


def in_full(forms) -> set[str]:
    return {
        full
        for form in forms
        for full in (_addressed(form[1:]) if form[0] == ADDRESSED else [form])
    }


def test_name_forms_are_the_search_forms_written_out():
    for name in NAMES:
        assert name_forms(name) == in_full(search_forms(name))
        assert name_forms(name) == name_forms_as_written_before(name)
        assert last_name(name) == last_name_as_written_before(name)
    assert len(search_forms("Hedwig Muster")) * 4 < len(name_forms("Hedwig Muster"))
    assert {"frau muster", "herrn dr muster", "dr muster"} <= name_forms("Hedwig Muster")
    assert f"{ADDRESSED}muster" in search_forms("Hedwig Muster")


def test_hidden_name_forms_are_those_of_the_full_name_forms_written_compactly():
    for people in itertools.combinations([(n, listed) for n in NAMES for listed in (0, 1)], 3):
        assert in_full(hidden_name_forms(people)) == hidden_name_forms_in_full(people)


PEOPLE = st.lists(st.tuples(st.sampled_from(NAMES), st.booleans()), min_size=1, max_size=4)
TEXTS = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(people=PEOPLE, text=TEXTS)
def test_the_compact_forms_hide_exactly_what_the_full_ones_hide(people, text):
    compact = UnlistedNames(hidden_name_forms(people))
    full = UnlistedNames(hidden_name_forms_in_full(people))

    assert compact.hide(text) == full.hide(text)
    assert compact.mentioned_in(text) is full.mentioned_in(text)


def test_a_salutation_and_a_title_before_a_last_name_are_hidden_with_it():
    names = UnlistedNames(search_forms("Hedwig Muster"))

    assert names.hide("Herrn Dr. Muster fragen") == f"{HIDDEN_NAME} fragen"
    assert names.hide("Dr. Frau Muster fragen") == f"Dr. {HIDDEN_NAME} fragen"
    assert names.hide("Frau Frau Muster") == f"Frau {HIDDEN_NAME}"
    assert names.hide("Frau Dr. Beispiel und Frau") == "Frau Dr. Beispiel und Frau"


@settings(max_examples=300, deadline=None)
@given(people=PEOPLE, text=TEXTS)
def test_names_among_participants_hide_what_their_forms_hide(people, text):
    among = UnlistedNames.among(people)
    forms = UnlistedNames(hidden_name_forms(people))

    assert among.hide(text) == forms.hide(text)
    assert among.mentioned_in(text) is forms.mentioned_in(text)
    assert bool(among) is bool(forms)


def test_the_same_participants_are_the_same_names_whatever_their_order():
    hedwig, paula = ("Hedwig Muster", False), ("Paula Öffentlich", True)

    assert UnlistedNames.among([hedwig, paula]) == UnlistedNames.among([paula, hedwig, hedwig])
    assert UnlistedNames.among([hedwig]) != UnlistedNames.among([(hedwig[0], True)])
    assert UnlistedNames.among([hedwig]) != UnlistedNames(hidden_name_forms([hedwig]))


def test_participants_without_a_hidden_name_hide_nothing():
    for people in ([], [("Paula Öffentlich", True)], [("–", False)]):
        names = UnlistedNames.among(people)
        assert not names
        assert names.hide("Paula Öffentlich – ruft an") == "Paula Öffentlich – ruft an"


def folded_as_written_before(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return visible.casefold().translate(UMLAUTS)


@settings(max_examples=500, deadline=None)
@given(text=st.text() | st.text(alphabet="Hedwig Müster,.\u200b\u00ad\u00a0\u0308ẞ"))
def test_texts_are_folded_as_before_whatever_they_contain(text):
    assert folded(text) == folded_as_written_before(text)
