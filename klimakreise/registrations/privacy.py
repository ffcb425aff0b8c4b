"""Names in text that people typed themselves (e.g. who is responsible for a next step).

Public pages never show the name of a participant who did not agree to be named in public: a
"responsible" field that mentions one is hidden as a whole (`without_unlisted_name`), in longer
texts (card texts, notes) only each mention is replaced (`hide_unlisted_names`). When a person's
data is erased, apps that keep such texts are told through `personal_data_erased`, because
afterwards the name is gone and could no longer be recognized.
Matching is by whole words, ignoring case and punctuation ("Dr. Hedwig Muster (AG Rad)" mentions
"Hedwig Muster"), and knows the usual short forms "Hedwig M." and "H. Muster". Other nicknames are
not recognized. In doubt a name is hidden: a listed person written the same way is hidden too.
Umlauts also match their transliteration ("Hoelzenbecher"), invisible characters inside a name
(a zero-width space, a soft hyphen) are ignored, and a genitive s is recognized ("Frau Walters
Vorschlag").

The last name is hidden in two more ways (this module is the one place of the rule; the boards,
workspace notes, plenary, results, API and exports all read through it):
- after a salutation or title, German or English ("Frau Muster", "Herrn Dr. Muster", "Hr. Prof.
  Muster", "Mrs Muster"; see SALUTATIONS and ACADEMIC_TITLES), whatever else is in the edition;
- alone ("Muster hat das übernommen") when it is unambiguous in the edition: no participant who
  agreed to be named has it as any word of their name (`hidden_name_forms`). Otherwise the word
  may as well mean that person, who may be named. Since many last names are also words ("Klein",
  "Koch", "Bauer"), the last name alone is hidden only as written with a capital first letter:
  "ein klein wenig" stays, "Klein" is hidden, also at the start of a sentence (in doubt hidden).
"""

import functools
import re
import unicodedata
from collections.abc import Iterable

from django.db.models import BooleanField, ExpressionWrapper
from django.dispatch import Signal

from klimakreise.core.cache import retire_public_pages
from klimakreise.registrations.models import LISTED_PUBLICLY, Registration

HIDDEN_NAME = "…"
# Letters and digits; not "_", which Markdown uses around words ("_Hedwig Muster_").
WORD = re.compile(r"[^\W_]+")

# Sent with edition= and names= (the names as they were) before registrations are deleted or
# anonymized, inside the same transaction.
personal_data_erased = Signal()


# "Hölzenbecher" is also written "Hoelzenbecher" (ß is "ss" after casefold() already).
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def folded(text: str) -> str:
    """The text as names are compared: NFKC (so "ü" typed as "u" plus a combining mark is the
    same letter), case-folded, umlauts transliterated, and without invisible format characters
    (a zero-width space or a soft hyphen inside a name would otherwise split it in two)."""
    if text.isascii():  # most names and texts: NFKC, format characters and umlauts change nothing
        return text.lower()
    text = unicodedata.normalize("NFKC", text)
    if not text.isprintable():  # only then can it hold format characters (category Cf)
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return text.casefold().translate(UMLAUTS)


def normalized_name(name: str) -> str:
    return " ".join(WORD.findall(folded(name)))


# Titles and forms of address written before a name: "Dr. Hedwig Muster" is also just "Hedwig
# Muster" or "H. Muster" in someone's notes.
# Written before a last name alone: "Frau Muster", "Herrn Dr. Muster", "Mrs Muster".
SALUTATIONS = frozenset(
    {"herr", "herrn", "hr", "hrn", "frau", "fr", "frl", "mr", "mrs", "ms", "mx"}
)
ACADEMIC_TITLES = frozenset({"dr", "prof"})
TITLES = frozenset({"dipl", "ing", "mag", "med"}) | SALUTATIONS | ACADEMIC_TITLES
# Marks a form that is a last name alone, hidden only when written with a capital letter (not a
# word character, so no normalized name contains it).
CAPITALIZED = "^"
# Marks a last name written after a salutation, a title or both ("@muster" stands for "frau
# muster", "dr muster", "herrn dr muster", …): one form instead of 35 (see search_forms).
ADDRESSED = "@"
MARKS = CAPITALIZED + ADDRESSED


def name_forms(name: str) -> frozenset[str]:
    """The normalized name and the forms people write for it: "Hedwig Anna Muster" also as
    "Hedwig Anna M.", "Hedwig M.", "H. Muster" and "Muster, Hedwig", and the last name after a
    salutation or title ("Frau Muster", "Herrn Dr. Muster"); a title ("Dr.") may be left out,
    and a name registered as "Muster, Hedwig" is also "Hedwig Muster"."""
    forms = search_forms(name)
    return frozenset(
        addressed
        for form in forms
        for addressed in (_addressed(form[1:]) if form[0] == ADDRESSED else [form])
    )


def search_forms(name: str) -> frozenset[str]:
    """name_forms() as UnlistedNames reads them, with the forms of the last name after a
    salutation or title written as one, ADDRESSED + last name. They find the same mentions;
    there are a fifth as many to build and to search (docs/decisions.md)."""
    return frozenset(_search_forms(normalized_name(name), _given_first(name)))


def _search_forms(as_registered: str, given_first: str | None) -> set[str]:
    """search_forms() of a name normalized as registered, and with the given names first if it
    was registered last name first (else None)."""
    words = (given_first or as_registered).split()
    words = [word for word in words if word not in TITLES]
    if len(words) < 2:
        return {as_registered, *words} - {""}
    *given, last = words
    return {
        as_registered,
        " ".join(words),
        " ".join([*given, last[0]]),
        f"{given[0]} {last[0]}",
        f"{given[0][0]} {last}",
        f"{last} {given[0]}",
        ADDRESSED + last,
    }


def _registered_last_first(name: str) -> list[str] | None:
    """[last, given] of a name registered as "Muster, Hedwig" (after NFKC, which makes a comma
    of "，" too); None for any other name."""
    text = name if name.isascii() else unicodedata.normalize("NFKC", name)
    return text.split(",") if text.count(",") == 1 else None


def _given_first(name: str) -> str | None:
    """The normalized name with the given names first ("Muster, Hedwig" is "hedwig muster"), or
    None if it was not registered last name first."""
    parts = _registered_last_first(name)
    return None if parts is None else normalized_name(f"{parts[1]} {parts[0]}")


# What may stand before a last name: a salutation, a title, or a salutation and a title.
ADDRESSING = [*SALUTATIONS, *ACADEMIC_TITLES]
ADDRESSING += [f"{salutation} {title}" for salutation in SALUTATIONS for title in ACADEMIC_TITLES]
ADDRESSING_WORDS = SALUTATIONS | ACADEMIC_TITLES  # their first words


def _addressed(last: str) -> list[str]:
    """ "frau muster", "dr muster", "herrn dr muster", "hr prof muster", …"""
    return [f"{words} {last}" for words in ADDRESSING]


def last_name(name: str) -> str:
    """The normalized last name ("Muster" of "Dr. Hedwig Muster" and of "Muster, Hedwig"), or
    "" for a name of one word."""
    return _last_name(name, normalized_name(name))


def _last_name(name: str, normalized: str) -> str:
    parts = _registered_last_first(name)
    if parts is not None:
        words = normalized_name(parts[0]).split()
        return words[-1] if words else ""
    words = [word for word in normalized.split() if word not in TITLES]
    return words[-1] if len(words) >= 2 else ""


def hidden_name_forms(people: Iterable[tuple[str, bool]]) -> set[str]:
    """The name forms to hide among an edition's participants, given as (name, listed) pairs:
    search_forms() of everyone not listed, and each one's last name alone (CAPITALIZED) unless
    it is a word of a listed participant's name forms (then it is ambiguous). For UnlistedNames
    (the forms are search_forms(), not name_forms())."""
    people = list(people)
    listed_words: set[str] = set()
    for name, listed in people:
        if listed:
            listed_words.update(_listed_words(name))
    forms: set[str] = set()
    for name, listed in people:
        if listed:
            continue
        normalized = normalized_name(name)
        own = _search_forms(normalized, _given_first(name))
        last = _last_name(name, normalized)
        if len(last) > 1 and last not in listed_words:
            own.add(CAPITALIZED + last)
        forms.update(own, _genitives(own))
    return forms


def _listed_words(name: str) -> set[str]:
    """The words of the name forms of a listed person's name, but for the one-letter short forms
    ("h", "m"), which no last name hidden alone (two letters or more) can be."""
    words = normalized_name(name).split()
    if len([word for word in words if word not in TITLES]) >= 2:
        # Its name forms have the last name after every salutation and title, so a last name
        # "Herr" or "Dr" is ambiguous: it may be the salutation of a listed person.
        return {*words, *ADDRESSING_WORDS}
    return set(words)


def _genitives(forms: set[str]) -> set[str]:
    """ "Frau Walters Vorschlag", "Hedwig Musters Idee": the German genitive adds an s."""
    return {form + "s" for form in forms if form[-1] not in "sxz"}


def mentions(text: str, names: set[str]) -> bool:
    """Whether the text contains one of these normalized names as whole words."""
    padded = f" {normalized_name(text)} "
    return any(f" {name} " in padded for name in names if name)


def unlisted_names(edition) -> set[str]:
    """Normalized names of the edition's participants who may not be named in public."""
    listed = ExpressionWrapper(LISTED_PUBLICLY, output_field=BooleanField())
    people = Registration.objects.filter(edition=edition).annotate(listed=listed)
    return hidden_name_forms(people.values_list("name", "listed"))


class UnlistedNames:
    """The unlisted names of an edition (name_forms() or search_forms() of each, as from
    unlisted_names()), for finding them in many texts: build one per request, not one per text.

    Most texts mention nobody, so a text is first searched, as a whole, for one telling word of
    each name form; only a text that contains one is taken apart into words. What a text looks
    like with these names hidden is remembered per process (`_hidden`): a results page shows the
    same texts on every visit, and the search is built only for a text not seen before. Built
    with `among()` from the participants themselves, even their name forms are."""

    def __init__(self, forms: Iterable[str]):
        self.forms = frozenset(form for form in forms if form.lstrip(MARKS))
        # These names, as one string: equal sets of names share the remembered answers.
        self.key = "\n".join(sorted(self.forms))
        self._may_hide = bool(self.forms)

    @classmethod
    def among(cls, people: Iterable[tuple[str, bool]]) -> "UnlistedNames":
        """The names hidden among these participants, (name, listed) pairs as for
        hidden_name_forms(). The same participants share the remembered answers, so their name
        forms are only built when a text not seen before is searched."""
        names = cls.__new__(cls)
        names._people = sorted({(name, bool(listed)) for name, listed in people})
        # NUL cannot be part of a name (core.text) nor of a name form: no key of forms is like it.
        names.key = "\0" + "\0".join(f"{listed:d}{name}" for name, listed in names._people)
        names._may_hide = not all(listed for _name, listed in names._people)
        return names

    @functools.cached_property
    def forms(self) -> frozenset[str]:
        # Only for among(): __init__ sets the forms it is given.
        return frozenset(form for form in hidden_name_forms(self._people) if form.lstrip(MARKS))

    @functools.cached_property
    def _capitalized(self) -> frozenset[str]:
        """Last names hidden alone, only where written with a capital letter."""
        return frozenset(form[1:] for form in self.forms if form[0] == CAPITALIZED)

    @functools.cached_property
    def _addressed(self) -> frozenset[str]:
        """Last names hidden after a salutation or title."""
        return frozenset(form[1:] for form in self.forms if form[0] == ADDRESSED)

    def __eq__(self, other) -> bool:
        return isinstance(other, UnlistedNames) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __bool__(self) -> bool:
        return bool(self.forms)

    def mentioned_in(self, text: str) -> bool:
        # Hiding replaces at least one word with HIDDEN_NAME, so a mention always changes the text.
        return self.hide(text) != text

    def hide(self, text: str) -> str:
        """The text with each mention (from its first to its last word, as written) replaced by
        HIDDEN_NAME; everything else, Markdown included, stays as it was."""
        return _hidden(self, text) if self._may_hide and text else text

    @functools.cached_property
    def _by_first(self) -> dict[str, list[tuple[str, ...]]]:
        """First word → the name forms starting with it (as word tuples), longest first."""
        by_first: dict[str, list[tuple[str, ...]]] = {}
        in_any_case = (form for form in self.forms if form[0] not in MARKS)
        for words in sorted((tuple(form.split()) for form in in_any_case), key=len, reverse=True):
            by_first.setdefault(words[0], []).append(words)
        return by_first

    @functools.cached_property
    def _needle(self) -> re.Pattern:
        # A text that mentions a name form contains the form's longest word, also when normalized
        # as a whole; for most texts this one search is all there is to do.
        words = {max(form.lstrip(MARKS).split(), key=len) for form in self.forms}
        return re.compile(_any_of(words))

    def _hide(self, text: str) -> str:
        spans = self._mentions(text)
        while spans:
            parts, done = [], 0
            for start, end in spans:
                parts += [text[done:start], HIDDEN_NAME]
                done = end
            text = "".join([*parts, text[done:]])
            # Once "Max" is hidden, "Jürgen Max Öhler" reads "Jürgen … Öhler": look again. Every
            # round leaves fewer words, so this ends.
            spans = self._mentions(text)
        return text

    def _mentions(self, text: str) -> list[tuple[int, int]]:
        """Where the text mentions a name: (start, end) in the text, sorted, not overlapping."""
        if not self.forms or not self._needle.search(folded(text)):
            return []
        words = _words(text)
        found = []
        for i, (word, start, end) in enumerate(words):
            length = self._longest_form_at(words, i)
            if length:
                found.append((start, words[i + length - 1][2]))
            elif word in self._capitalized and text[start].isupper():
                found.append((start, end))
        # Overlapping mentions ("Paul Hedwig" and "Hedwig Muster" in "Paul Hedwig Muster") are
        # hidden as one: no part of either may remain.
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def _longest_form_at(self, words: list[tuple[str, int, int]], i: int) -> int:
        """How many words from the i-th on are a name form; 0 if none is. The longest form
        counts: shorter ones lie inside it."""
        following = tuple(word for word, _start, _end in words[i : i + 3])
        length = 0
        for form in self._by_first.get(following[0], ()):
            if tuple(w for w, _s, _e in words[i : i + len(form)]) == form:
                length = len(form)
                break  # they are sorted longest first
        if self._addressed and following[0] in ADDRESSING_WORDS:
            length = max(length, _addressed_length(following, self._addressed))
        return length


def _addressed_length(following: tuple[str, ...], last_names: frozenset[str]) -> int:
    """3 for "herrn dr muster", 2 for "frau muster" or "dr muster" (following[0] is a salutation
    or title, one of ADDRESSING_WORDS), 0 if no such last name follows."""
    if (
        len(following) == 3
        and following[0] in SALUTATIONS
        and following[1] in ACADEMIC_TITLES
        and following[2] in last_names
    ):
        return 3
    return 2 if len(following) >= 2 and following[1] in last_names else 0


def _any_of(words: set[str]) -> str:
    """A pattern that finds any of the words, written as a trie ("h(?:edwig|ugo)"): searching
    for hundreds of names that way costs little more than for one, unlike "hedwig|hugo|…"."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here: for a search, longer words from here add nothing

    def pattern(node: dict) -> str:
        if "" in node:
            return ""
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return pattern(trie)


def _words(text: str) -> list[tuple[str, int, int]]:
    """The words of the text as normalized_name() finds them, each with its start and end in the
    text. NFKC works per word, so that offsets stay those of the text. Combining marks, which
    WORD does not match, belong to the letter before them: "Jürgen" typed as "Ju", U+0308, "rgen"
    is one word, "jürgen"."""
    words: list[tuple[str, int, int]] = []
    start = end = 0
    for match in WORD.finditer(text):
        if end > start and _only_marks(text, end, match.start()):
            end = match.end()  # "Ju", U+0308 and "rgen" are one word
            continue
        _add_words(words, text, start, end)
        start, end = match.span()
    _add_words(words, text, start, end)
    return words


def _only_marks(text: str, start: int, end: int) -> bool:
    """Only combining marks or invisible format characters between two words: they are one."""
    return all(
        unicodedata.category(c)[0] == "M" or unicodedata.category(c) == "Cf"
        for c in text[start:end]
    )


def _add_words(words: list, text: str, start: int, end: int) -> None:
    if end <= start:
        return
    while end < len(text) and unicodedata.category(text[end]).startswith("M"):
        end += 1  # a mark after the word's last letter ("José" typed with U+0301) is part of it
    for word in WORD.findall(folded(text[start:end])):
        words.append((word, start, end))


@functools.lru_cache(maxsize=4096)
def _hidden(names: UnlistedNames, text: str) -> str:
    # A pure function of the names and the text, so an answer never goes stale.
    return names._hide(text)


def prepared_names(forms: Iterable[str]) -> UnlistedNames:
    """UnlistedNames for these name forms."""
    return UnlistedNames(forms)


def _prepared(unlisted: "UnlistedNames | Iterable[str]") -> UnlistedNames:
    return unlisted if isinstance(unlisted, UnlistedNames) else prepared_names(unlisted)


def hide_unlisted_names(text: str, unlisted: "UnlistedNames | Iterable[str]") -> str:
    """The text as the public may read it: each mention of such a person replaced by HIDDEN_NAME
    ("Dr. Hedwig Muster (AG Rad)" → "Dr. … (AG Rad)"). For many texts pass UnlistedNames."""
    return _prepared(unlisted).hide(text)


def without_unlisted_name(text: str, unlisted: "UnlistedNames | Iterable[str]") -> str:
    """A name field as the public may read it: HIDDEN_NAME as a whole when it mentions such a
    person, since what remains around a name ("Dr. … (AG Rad)") may still tell who it is."""
    return HIDDEN_NAME if _prepared(unlisted).mentioned_in(text) else text


def announce_erasure(*, edition, names) -> None:
    personal_data_erased.send(sender=Registration, edition=edition, names=list(names))
    # Cached pages and exports must not show the erased names.
    retire_public_pages()
