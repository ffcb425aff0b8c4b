"""The German catalogues are complete, and the public pages switch language with the cookie."""

import re
from pathlib import Path

import pytest

from klimakreise.editions.models import AgendaItem
from tests.factories import AgendaItemFactory, EditionFactory, TopicFactory

PACKAGE = Path(__file__).resolve().parents[2] / "klimakreise"
APPS = ["core", "accounts", "organizations", "editions", "circles"]

_FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(line: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), line.strip()[1:-1])


def parse_po(path: Path) -> list[dict]:
    """A tiny .po parser: one dict per entry with its fields, flags and source line."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry = {"flags": set(), "fields": {}}
        key = None
        for line in block.splitlines():
            if line.startswith("#~"):  # obsolete entry, not used at run time
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


@pytest.mark.parametrize("app", APPS)
def test_german_catalogue_is_complete(app):
    path = catalogue(app, "de")
    entries = parse_po(path)
    messages = [e for e in entries if e["fields"]["msgid"]]
    assert messages, f"{path} has no messages"
    for entry in entries:
        fields = entry["fields"]
        assert "fuzzy" not in entry["flags"], f"{path}: fuzzy entry {fields['msgid']!r}"
        if not fields["msgid"]:
            continue  # the header
        translations = [value for key, value in fields.items() if key.startswith("msgstr")]
        assert translations and all(translations), f"{path}: untranslated {fields['msgid']!r}"


@pytest.mark.parametrize("app", APPS)
def test_english_catalogue_exists_and_compiles_cleanly(app):
    path = catalogue(app, "en")
    entries = parse_po(path)
    assert not any("fuzzy" in e["flags"] for e in entries), f"{path} has fuzzy entries"
    assert path.with_suffix(".mo").exists(), f"{path} is not compiled"
    assert catalogue(app, "de").with_suffix(".mo").exists()


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
    client.cookies["django_language"] = language

    response = client.get(edition.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert f'lang="{language}"' in content
    for text in expected:
        assert text in content, text
    for text in unexpected:
        assert text not in content, text
