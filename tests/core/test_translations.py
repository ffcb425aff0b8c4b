"""Every app's German catalogue is complete and consistent; pages follow the language cookie."""

import pytest

from klimakreise.editions.models import AgendaItem
from tests.factories import AgendaItemFactory, EditionFactory, TopicFactory
from tests.po import (
    APPS,
    INFORMAL,
    PLACEHOLDERS,
    assert_page_language,
    catalogue,
    messages,
    parse_po,
    translations,
)

# The agreed terms, the same in every app's catalogue.
GLOSSARY = {
    "editions": {
        "Add to calendar": "In den Kalender übernehmen",
        "Registrations": "Anmeldungen",
        "Circle assignment": "Kreiseinteilung",
        "draft": "Entwurf",
        "Get-together afterwards:": "Treffen im Anschluss:",
    },
    "backoffice": {
        "Get-together": "Treffen im Anschluss",
    },
    "boards": {
        "Next steps": "Nächste Schritte",
        "Responsibilities": "Verantwortlichkeiten",
        "Ideas": "Ideen",
        "Pin board": "Pinnwand",
        "Plenary view": "Plenumsansicht",
        "History": "Verlauf",
        "Expert input": "Fachimpuls",
        "Video room": "Videoraum",
        "open": "offen",
        "in progress": "in Arbeit",
        "done": "erledigt",
        "dropped": "verworfen",
    },
    "results": {
        "Results": "Ergebnisse",
        "Next steps": "Nächste Schritte",
        "Agenda": "Ablauf",
        "Outlook": "Ausblick",
        "Partners and thanks": "Partner und Dank",
        "Slides and documents": "Folien und Dokumente",
        "updated on": "aktualisiert am",
    },
}


def test_every_app_with_strings_has_a_catalogue():
    assert {"core", "editions", "backoffice", "registrations", "circles", "boards"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_german_catalogue_translates_every_message(app):
    path = catalogue(app, "de")
    entries = parse_po(path)
    assert messages(path), f"{path} has no messages"
    for entry in entries:
        fields = entry["fields"]
        assert "fuzzy" not in entry["flags"], f"{path}: fuzzy entry {fields['msgid']!r}"
        if not fields["msgid"]:
            continue  # the header
        if "msgid_plural" in fields:
            assert {"msgstr[0]", "msgstr[1]"} <= fields.keys(), fields["msgid"]
        values = translations(entry)
        assert values and all(values), f"{path}: untranslated {fields['msgid']!r}"


@pytest.mark.parametrize("app", APPS)
def test_german_translations_keep_placeholders_and_html_and_say_sie(app):
    for entry in messages(catalogue(app, "de")):
        fields = entry["fields"]
        for key, value in fields.items():
            if not key.startswith("msgstr"):
                continue
            source = fields["msgid_plural"] if key == "msgstr[1]" else fields["msgid"]
            kept = sorted(PLACEHOLDERS.findall(value))
            assert kept == sorted(PLACEHOLDERS.findall(source)), f"{app}: {source!r} → {value!r}"
            assert not INFORMAL.search(value), f"{app}: informal address in {value!r}"


@pytest.mark.parametrize("app", sorted(GLOSSARY))
def test_german_catalogue_uses_the_agreed_terms(app):
    by_msgid = {e["fields"]["msgid"]: e for e in messages(catalogue(app, "de"))}
    for msgid, expected in GLOSSARY[app].items():
        assert msgid in by_msgid, f"{app}: {msgid!r} is no longer in the catalogue"
        assert translations(by_msgid[msgid]) == [expected], f"{app}: {msgid!r}"


@pytest.mark.parametrize("app", APPS)
def test_english_catalogue_is_clean_and_both_are_compiled(app):
    path = catalogue(app, "en")
    assert not any("fuzzy" in e["flags"] for e in parse_po(path)), f"{path} has fuzzy entries"
    assert {e["fields"]["msgid"] for e in messages(path)} == {
        e["fields"]["msgid"] for e in messages(catalogue(app, "de"))
    }, "the English and German catalogues should hold the same messages"
    for language in ("de", "en"):
        assert catalogue(app, language).with_suffix(".mo").exists(), f"{app}/{language}: no .mo"


def test_parse_po_reads_plurals_and_continuation_lines(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
        '#, python-format\nmsgid ""\n"%(counter)s \\"member\\""\n'
        'msgid_plural "%(counter)s members"\n'
        'msgstr[0] "%(counter)s Mitglied"\nmsgstr[1] ""\n\n'
        '#, fuzzy\nmsgid "Old"\nmsgstr "Alt"\n\n#~ msgid "Gone"\n#~ msgstr "Weg"\n',
        encoding="utf-8",
    )
    header, plural, fuzzy = parse_po(po)
    assert header["fields"]["msgstr"] == "Language: de\n"
    assert plural["fields"]["msgid"] == '%(counter)s "member"'
    assert plural["fields"]["msgstr[1]"] == ""
    assert "fuzzy" in fuzzy["flags"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, expected, unexpected",
    [
        (
            "de",
            [">Ablauf</h2>", ">Kreise</h2>", ">Impuls</span>", "Veranstaltungen"],
            [">Agenda</h2>", ">Circles</h2>", "Input talk"],
        ),
        (
            "en",
            [">Agenda</h2>", ">Circles</h2>", ">Input talk</span>", "Events"],
            [">Ablauf</h2>", ">Kreise</h2>", ">Impuls</span>"],
        ),
    ],
)
def test_edition_page_follows_the_language_cookie(client, language, expected, unexpected):
    edition = EditionFactory()
    AgendaItemFactory(
        edition=edition, kind=AgendaItem.Kind.TALK, title="Stadtgrün", speaker="Katja Löchel"
    )
    TopicFactory(edition=edition, title="Mobilität")
    assert_page_language(client, edition.get_absolute_url(), language, expected, unexpected)
