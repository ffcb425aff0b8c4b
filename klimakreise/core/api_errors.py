"""The API's error messages, in the language of the request (Accept-Language, else German).

django-ninja and pydantic word their errors in English for developers; people who send a sign-up
through an external form read these messages too, so each known kind is worded here.
"""

from django.utils.translation import gettext

from klimakreise.core import text

# pydantic's error types → our wording; anything else gets the general message.
_BY_TYPE = {
    "missing": lambda: gettext("This field is required."),
    "bool_type": lambda: gettext("Enter true or false."),
    "bool_parsing": lambda: gettext("Enter true or false."),
    "string_type": lambda: gettext("Enter text."),
    "int_type": lambda: gettext("Enter a whole number."),
    "int_parsing": lambda: gettext("Enter a whole number."),
    "list_type": lambda: gettext("Enter a list."),
    "dict_type": lambda: gettext("Enter an object."),
    "model_attributes_type": lambda: gettext("Enter an object."),
    "string_too_long": lambda: gettext("This text is too long."),
    text.INVALID_CHARACTERS: text.invalid_characters_message,
    text.LINE_BREAK: text.line_break_message,
}


def field_error_message(error: dict) -> str:
    """One pydantic error (as in ValidationError.errors) as a sentence for the client."""
    wording = _BY_TYPE.get(error.get("type", ""))
    return wording() if wording else gettext("Enter a valid value.")


def invalid_input() -> str:
    return gettext("Invalid input.")


def not_found() -> str:
    return gettext("Not found.")


def authentication_required() -> str:
    return gettext("Authentication required.")


def unreadable_body() -> str:
    return gettext("The request body is not valid JSON.")


def cross_site_refused() -> str:
    return gettext("Requests from other websites are not accepted.")


def json_required() -> str:
    return gettext("Send the request body as JSON (Content-Type: application/json).")
