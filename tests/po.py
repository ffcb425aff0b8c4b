"""Reading the translation catalogues (.po files) in tests, without another dependency."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "klimakreise"
# Every app with its own catalogue.
APPS = sorted(path.parent.name for path in PACKAGE.glob("*/locale"))
# What must survive translation unchanged: %(name)s, {name} and HTML tags.
PLACEHOLDERS = re.compile(r"%\(\w+\)[sd]|\{\w*\}|<[^>]+>")
# Informal address has no place in the German texts ("Sie", never "du").
INFORMAL = re.compile(r"\b(du|dich|dir|dein\w*|euch|euer\w*)\b", re.IGNORECASE)

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


def messages(path: Path) -> list[dict]:
    """The entries with a message (the header has an empty msgid)."""
    return [e for e in parse_po(path) if e["fields"]["msgid"]]


def jinja2_strings(app: str) -> set[str]:
    """The _("…") strings of an app's Jinja2 templates, as makemessages extracts them."""
    templates = [p for p in (PACKAGE / app / "jinja2").rglob("*") if p.is_file()]
    return {m for path in templates for m in re.findall(r'_\("([^"]+)"\)', path.read_text())}


def assert_jinja2_strings_translated(app: str) -> None:
    german = {e["fields"]["msgid"]: translations(e) for e in messages(catalogue(app, "de"))}
    for text in jinja2_strings(app):
        assert text in german and all(german[text]), f"not in the German catalogue: {text!r}"


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry["fields"].items() if key.startswith("msgstr")]


def assert_page_language(client, url: str, language: str, expected, unexpected) -> str:
    """Fetch url with the language cookie; the page must show `expected`, not `unexpected`."""
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert f'lang="{language}"' in content
    for text in expected:
        assert text in content, text
    for text in unexpected:
        assert text not in content, text
    return content
