"""The boards and results catalogues are complete, and the results page follows the language
cookie."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from klimakreise.results.publication import publish_results
from tests.factories import CircleFactory, TopicFactory
from tests.registrations.test_translations_catalogue import parse_po
from tests.results.factories import NextStepFactory

PACKAGE = Path(__file__).resolve().parents[2] / "klimakreise"
APPS = ["boards", "results"]

# What must survive translation unchanged: %(name)s, {name} and HTML tags.
_PLACEHOLDERS = re.compile(r"%\(\w+\)[sd]|\{\w*\}|<[^>]+>")
# Informal address has no place in the German texts ("Sie", never "du").
_INFORMAL = re.compile(r"\b(du|dich|dir|dein\w*|euch|euer\w*)\b", re.IGNORECASE)

# The agreed terms, the same in every app's catalogue.
GLOSSARY = {
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
        "Add to calendar": "In den Kalender übernehmen",
        "updated on": "aktualisiert am",
        "draft": "Entwurf",
    },
}


def catalogue(app: str, language: str) -> Path:
    return PACKAGE / app / "locale" / language / "LC_MESSAGES" / "django.po"


def messages(path: Path) -> list[dict]:
    return [e for e in parse_po(path) if e["fields"]["msgid"]]


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry["fields"].items() if key.startswith("msgstr")]


@pytest.mark.parametrize("app", APPS)
def test_german_catalogue_translates_every_message(app):
    path = catalogue(app, "de")
    entries = parse_po(path)
    assert messages(path), f"{path} has no messages"
    for entry in entries:
        fields = entry["fields"]
        assert "fuzzy" not in entry["flags"], f"{path}: fuzzy entry {fields['msgid']!r}"
        if not fields["msgid"]:
            assert "Language: de\n" in fields["msgstr"]
            continue
        if "msgid_plural" in fields:
            assert {"msgstr[0]", "msgstr[1]"} <= fields.keys(), fields["msgid"]
        assert translations(entry) and all(translations(entry)), (
            f"{path}: untranslated {fields['msgid']!r}"
        )


@pytest.mark.parametrize("app", APPS)
def test_german_translations_keep_placeholders_and_html(app):
    for entry in messages(catalogue(app, "de")):
        fields = entry["fields"]
        for key, value in fields.items():
            if not key.startswith("msgstr"):
                continue
            source = fields["msgid_plural"] if key == "msgstr[1]" else fields["msgid"]
            kept = sorted(_PLACEHOLDERS.findall(value))
            assert kept == sorted(_PLACEHOLDERS.findall(source)), f"{app}: {source!r} → {value!r}"


@pytest.mark.parametrize("app", APPS)
def test_german_catalogue_uses_the_glossary_and_formal_address(app):
    by_msgid = {e["fields"]["msgid"]: e for e in messages(catalogue(app, "de"))}
    for msgid, expected in GLOSSARY[app].items():
        assert msgid in by_msgid, f"{app}: {msgid!r} is no longer in the catalogue"
        assert translations(by_msgid[msgid]) == [expected], f"{app}: {msgid!r}"
    for msgid, entry in by_msgid.items():
        for value in translations(entry):
            assert not _INFORMAL.search(value), f"{app}: informal address in {value!r}"


@pytest.mark.parametrize("app", APPS)
def test_english_catalogue_is_clean_and_both_are_compiled(app):
    path = catalogue(app, "en")
    entries = parse_po(path)
    assert not any("fuzzy" in e["flags"] for e in entries), f"{path} has fuzzy entries"
    assert {e["fields"]["msgid"] for e in messages(path)} == {
        e["fields"]["msgid"] for e in messages(catalogue(app, "de"))
    }, "the English and German catalogues should hold the same messages"
    for language in ("de", "en"):
        assert catalogue(app, language).with_suffix(".mo").exists(), f"{app}/{language}: no .mo"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, expected, unexpected",
    [
        (
            "de",
            ["Nächste Schritte", "Ergebnisse: ", "Fällig am", "in Arbeit"],
            ["Next steps", "Results: ", "in progress"],
        ),
        (
            "en",
            ["Next steps", "Results: ", "Due", "in progress"],
            ["Nächste Schritte", "Ergebnisse: ", "Fällig am", "in Arbeit"],
        ),
    ],
)
def test_results_page_follows_the_language_cookie(client, edition, language, expected, unexpected):
    circle = CircleFactory(topic=TopicFactory(edition=edition))
    NextStepFactory(circle=circle, text="Pop-up-Radweg beantragen")
    publish_results(edition=edition)
    client.cookies["django_language"] = language

    response = client.get(reverse("results:page", kwargs={"slug": edition.slug}))

    assert response.status_code == 200
    content = response.content.decode()
    assert f'lang="{language}"' in content
    assert "Pop-up-Radweg beantragen" in content
    for text in expected:
        assert text in content, text
    for text in unexpected:
        assert text not in content, text
