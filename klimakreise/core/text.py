"""The one rule for text that people and programs send in (forms, API, imports).

Refused everywhere: lone surrogates (not text; UTF-8 and PostgreSQL cannot store them), NUL and the
other control characters, the replacement character (bytes that were not UTF-8) and the controls
that override the direction of text. A multi-line field keeps tab, line feed and the carriage
return that browsers send with each line of a textarea. A single-line field (names, organization,
an email subject) refuses line breaks too: they would split a name into lines of an email, or a
subject into headers.

Use `validate_line` / `validate_text` as Django validators (or `CleanTextMixin` in core.forms for
whole forms) and `Line` / `Text` as field types of API schemas.
"""

import unicodedata
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

KEPT_IN_TEXT = frozenset("\t\n\r")
# Besides CR and LF: the Unicode line and paragraph separators, which mail clients break on.
LINE_BREAKS = frozenset("\r\n\u2028\u2029\x85")

# U+FFFD is what a browser's bytes that were not UTF-8 became; the direction overrides and
# isolates let a name display as something else than it is.
REFUSED = frozenset("\ufffd\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

INVALID_CHARACTERS = "invalid_characters"
LINE_BREAK = "line_break"


def invalid_characters_message() -> str:
    return gettext("Please remove the control characters or invalid characters from this text.")


def line_break_message() -> str:
    return gettext("Please enter a single line, without line breaks.")


def text_problem(value: str, *, multiline: bool) -> str | None:
    """INVALID_CHARACTERS, LINE_BREAK or None (the text may be stored)."""
    breaks = False
    for char in value:
        if multiline and char in KEPT_IN_TEXT:
            continue
        if not multiline and char in LINE_BREAKS:
            breaks = True
        elif char in REFUSED or unicodedata.category(char) in {"Cc", "Cs"}:
            return INVALID_CHARACTERS
    return LINE_BREAK if breaks else None


def unstorable(char: str) -> bool:
    """A character that must not even be shown back: NUL and lone surrogates."""
    return char == "\x00" or "\ud800" <= char <= "\udfff"


def displayable(value: str) -> str:
    """The text with what cannot be stored or shown replaced by U+FFFD, to show it back safely."""
    return "".join("\ufffd" if unstorable(c) else c for c in value)


_MESSAGES = {INVALID_CHARACTERS: invalid_characters_message, LINE_BREAK: line_break_message}


def problem_message(problem: str) -> str:
    return _MESSAGES[problem]()


def _django_validator(multiline: bool):
    def validate(value):
        problem = text_problem(str(value), multiline=multiline)
        if problem:
            raise ValidationError(problem_message(problem), code=problem)

    return validate


validate_line = _django_validator(multiline=False)
validate_text = _django_validator(multiline=True)


def _pydantic_validator(multiline: bool):
    def validate(value: str) -> str:
        problem = text_problem(value, multiline=multiline)
        if problem:
            raise PydanticCustomError(problem, problem_message(problem))
        return value

    return AfterValidator(validate)


Line = Annotated[str, _pydantic_validator(multiline=False)]
"""A single line of text in an API schema (a name, an organization)."""

Text = Annotated[str, _pydantic_validator(multiline=True)]
"""Text that may span lines in an API schema (accessibility needs, a message)."""


def has_web_address(value: str) -> bool:
    """A name with a web address in it is spam (it would reach emails and lists as a link)."""
    return "://" in value or "www." in value.lower()
