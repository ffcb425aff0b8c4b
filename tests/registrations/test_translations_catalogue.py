"""The registrations and outbox catalogues are complete, and the registration form follows the
language cookie."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.registrations.factories import OpenEditionFactory

PACKAGE = Path(__file__).resolve().parents[2] / "klimakreise"
APPS = ["registrations", "outbox"]

_FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
# What must survive translation unchanged: %(name)s, {name} and HTML tags.
_PLACEHOLDERS = re.compile(r"%\(\w+\)[sd]|\{\w*\}|<[^>]+>")


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text.strip()[1:-1])


def parse_po(path: Path) -> list[dict]:
    """A tiny .po parser: one dict per entry with its fields and flags (obsolete ones left out)."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry = {"flags": set(), "fields": {}}
        key = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry = None
                break
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#") or not line.strip():
                continue
            elif match := _FIELD.match(line):
                key = match.group(1)
                entry["fields"][key] = _unquote(match.group(2))
            elif line.startswith('"') and key:
                entry["fields"][key] += _unquote(line)
            else:
                raise AssertionError(f"{path}: cannot parse line {line!r}")
        if entry and "msgid" in entry["fields"]:
            entries.append(entry)
    return entries


def catalogue(app: str, language: str) -> Path:
    return PACKAGE / app / "locale" / language / "LC_MESSAGES" / "django.po"


def messages(path: Path) -> list[dict]:
    return [e for e in parse_po(path) if e["fields"]["msgid"]]


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
        translations = [value for key, value in fields.items() if key.startswith("msgstr")]
        if "msgid_plural" in fields:
            assert {"msgstr[0]", "msgstr[1]"} <= fields.keys(), fields["msgid"]
        assert translations and all(translations), f"{path}: untranslated {fields['msgid']!r}"


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
def test_english_catalogue_is_clean_and_both_are_compiled(app):
    path = catalogue(app, "en")
    entries = parse_po(path)
    assert not any("fuzzy" in e["flags"] for e in entries), f"{path} has fuzzy entries"
    assert {e["fields"]["msgid"] for e in messages(path)} == {
        e["fields"]["msgid"] for e in messages(catalogue(app, "de"))
    }, "the English and German catalogues should hold the same messages"
    for language in ("de", "en"):
        assert catalogue(app, language).with_suffix(".mo").exists(), f"{app}/{language}: no .mo"


def test_parse_po_reads_plurals_flags_and_continuation_lines(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
        '#, python-format\nmsgid ""\n"%(counter)s \\"row\\""\n'
        'msgid_plural "%(counter)s rows"\n'
        'msgstr[0] "%(counter)s Zeile"\nmsgstr[1] ""\n\n'
        '#, fuzzy\nmsgid "Old"\nmsgstr "Alt"\n\n#~ msgid "Gone"\n#~ msgstr "Weg"\n',
        encoding="utf-8",
    )
    header, plural, fuzzy = parse_po(po)
    assert header["fields"]["msgstr"] == "Language: de\n"
    assert plural["fields"]["msgid"] == '%(counter)s "row"'
    assert plural["fields"]["msgstr[1]"] == ""
    assert "fuzzy" in fuzzy["flags"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, expected, unexpected",
    [
        (
            "de",
            [
                "E-Mail-Adresse",
                "Anmeldung für 3. Klimakreise",
                "1. Themenwunsch",
                "Ich stimme dem <a",
                ">Anmelden</button>",
            ],
            ["Email address", "Register for", "Topic wish 1", "I agree to the"],
        ),
        (
            "en",
            [
                "Email address",
                "Register for 3. Klimakreise",
                "Topic wish 1",
                "I agree to the <a",
                ">Register</button>",
            ],
            ["E-Mail-Adresse", "Anmeldung für", "Themenwunsch", "Ich stimme"],
        ),
    ],
)
def test_registration_form_follows_the_language_cookie(client, language, expected, unexpected):
    edition = OpenEditionFactory(slug="klimakreise-3", title="3. Klimakreise")
    client.cookies["django_language"] = language

    response = client.get(reverse("registrations:register", args=[edition.slug]))

    assert response.status_code == 200
    content = response.content.decode()
    assert f'lang="{language}"' in content
    for text in expected:
        assert text in content, text
    for text in unexpected:
        assert text not in content, text
