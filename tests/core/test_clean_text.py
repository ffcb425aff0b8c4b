"""One rule for text that comes in (issue 13, point 5): forms, API and imports refuse control
characters and lone surrogates, single-line fields refuse line breaks, unreadable paths are 404."""

import json

import pytest
from django import forms
from django.http import QueryDict
from django.test import Client
from pydantic import BaseModel, ValidationError

from klimakreise.core.forms import CleanTextMixin
from klimakreise.core.text import INVALID_CHARACTERS, LINE_BREAK, Line, Text, text_problem
from klimakreise.registrations.forms import RegistrationForm
from klimakreise.registrations.imports.rows import validate_rows
from klimakreise.registrations.models import Registration

API_URL = "/api/v1/editions/klimakreise-3/registrations"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


# --- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "multiline", "problem"),
    [
        ("Ada Beispiel", False, None),
        ("Grüße aus Köln – 🌍", False, None),
        ("first line\r\nsecond\tindented", True, None),
        ("Ada\nBeispiel", False, LINE_BREAK),
        ("Ada\rBeispiel", False, LINE_BREAK),
        ("Ada\u2028Beispiel", False, LINE_BREAK),
        ("Ada\tBeispiel", False, INVALID_CHARACTERS),
        ("Ada\x00", False, INVALID_CHARACTERS),
        ("Ada\x00", True, INVALID_CHARACTERS),
        ("bell\x07", True, INVALID_CHARACTERS),
        ("escape\x1b[31m", True, INVALID_CHARACTERS),
        ("delete\x7f", True, INVALID_CHARACTERS),
        ("next line\x85", True, INVALID_CHARACTERS),
        ("half \ud800 a pair", True, INVALID_CHARACTERS),
        ("half \udfff a pair", False, INVALID_CHARACTERS),
        ("bytes that were not UTF-8: A\ufffdB", False, INVALID_CHARACTERS),
        ("Ada \u202etseB", False, INVALID_CHARACTERS),
        ("isolated \u2067x\u2069", True, INVALID_CHARACTERS),
        ("Grüße, مرحبا, 你好", False, None),
    ],
)
def test_the_rule_takes_text_and_refuses_controls_surrogates_and_breaks_in_lines(
    value, multiline, problem
):
    assert text_problem(value, multiline=multiline) == problem


class Note(BaseModel):
    title: Line
    body: Text


def test_schema_types_follow_the_rule():
    assert Note(title="Hallo", body="a\nb").body == "a\nb"
    with pytest.raises(ValidationError) as caught:
        Note(title="Hallo\nWelt", body="a\x00b")
    problems = {e["loc"][0]: e["type"] for e in caught.value.errors()}
    assert problems == {"title": LINE_BREAK, "body": INVALID_CHARACTERS}


# --- forms ---------------------------------------------------------------------------------


class ContactForm(CleanTextMixin, forms.Form):
    name = forms.CharField()
    message = forms.CharField(widget=forms.Textarea)
    topic = forms.ChoiceField(choices=[("a", "A")])
    hidden_text = forms.CharField(widget=forms.HiddenInput, required=False)
    multiline_fields = ("hidden_text",)


def contact(**changes):
    data = {"name": "Ada", "message": "Hallo\r\nWelt", "topic": "a", "hidden_text": "x\ny"}
    return ContactForm(data={**data, **changes})


def test_a_form_takes_clean_text_with_line_breaks_where_lines_are_allowed():
    form = contact()
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Ada\r\nBcc: everyone@example.org"),
        ("name", "Ada\x00"),
        ("message", "Hallo\x00"),
        ("message", "half \ud800"),
        ("topic", "a\x00"),
        ("hidden_text", "\x1b"),
    ],
)
def test_a_form_gives_the_field_an_error_for_text_against_the_rule(field, value):
    form = contact(**{field: value})

    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_a_line_break_in_a_single_line_field_is_named_as_such():
    form = contact(name="Ada\nBeispiel")
    form.is_valid()
    assert form.errors["name"] == ["Please enter a single line, without line breaks."]


def test_what_cannot_be_stored_is_shown_back_replaced_and_the_rest_kept():
    form = contact(message="Hallo \ud800 Welt\x00", name="Ada\nB")
    form.is_valid()

    assert form["message"].value() == "Hallo \ufffd Welt\ufffd"
    assert form["name"].value() == "Ada\nB"
    assert str(form["message"]).encode("utf-8")  # the page can be sent


def test_sent_querydict_data_is_checked_and_shown_back_replaced():
    data = QueryDict(mutable=True)
    data.update({"name": "Ada", "message": "a\x00", "topic": "a"})
    form = ContactForm(data=data)

    assert not form.is_valid()
    assert form["message"].value() == "a\ufffd"


@pytest.mark.django_db
def test_the_sign_up_form_refuses_a_name_with_line_breaks(open_edition, payload):
    form = RegistrationForm.from_api(edition=open_edition, payload={**payload, "name": "A\nB"})

    assert not form.is_valid()
    assert list(form.errors) == ["name"]


@pytest.mark.django_db
def test_the_html_sign_up_refuses_a_control_character_with_a_form_error(client, open_edition):
    data = {
        "name": "Ada\x07",
        "email": "ada@example.org",
        "sector": "zivilgesellschaft",
        "rank_1": "energie",
        "consent_privacy": "on",
        "language": "en",
    }
    response = client.post(f"/e/{open_edition.slug}/register/", data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_an_import_row_with_a_control_character_is_reported_not_imported(open_edition):
    rows = [(2, ["Ada\x0bBeispiel", "ada@example.org", "zivilgesellschaft", "energie"])]
    mapping = {"name": 0, "email": 1, "sector": 2, "wish_1": 3}

    [result] = validate_rows(edition=open_edition, rows=rows, mapping=mapping)

    assert not result.is_valid
    assert result.data is None
    assert any("control characters" in error for error in result.errors)


# --- API -----------------------------------------------------------------------------------


def post(client, body):
    return client.post(API_URL, json.dumps(body), content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "\ud800"),
        ("organization", "Verein \udc00"),
        ("accessibility_needs", "Rampe \ud800"),
        ("accessibility_needs", "Rampe\x00"),
        ("name", "Ada\r\nBeispiel"),
        ("organization", "BUND\n"),
        ("email", "ada@example.org\nBcc: b@example.org"),
        ("sector", "zivil\x00gesellschaft"),
        ("language", "e\x00n"),
    ],
)
def test_the_api_answers_422_naming_the_field(client, open_edition, payload, field, value):
    response = post(client, {**payload, field: value})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_the_api_answers_422_for_a_wish_with_a_nul(client, open_edition, payload):
    response = post(client, {**payload, "preferences": ["energie\x00"]})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].startswith("preferences")


@pytest.mark.django_db
def test_the_api_takes_line_breaks_and_tabs_in_accessibility_needs(client, open_edition, payload):
    needs = "Rollstuhl\n\tRampe bitte\r\nDanke"
    response = post(client, {**payload, "accessibility_needs": needs})

    assert response.status_code == 201
    assert Registration.objects.get().accessibility_needs == needs


@pytest.mark.django_db
def test_the_api_error_is_worded_in_german_when_asked(client, open_edition, payload):
    body = json.dumps({**payload, "name": "A\nB"})
    response = client.post(
        API_URL, body, content_type="application/json", headers={"Accept-Language": "de"}
    )

    [error] = response.json()["errors"]
    assert error == {
        "field": "name",
        "message": "Bitte geben Sie eine einzige Zeile ohne Zeilenumbrüche ein.",
    }


# --- paths ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/editions/klimakreise%00-3/registrations",
        "/api/v1/editions/%00",
        "/e/klimakreise%00-3/",
        "/e/klimakreise%0a-3/register/",
    ],
)
def test_a_path_with_a_control_character_is_404(client, open_edition, path):
    response = client.get(path)

    assert response.status_code == 404
    # The same headers as every other page (the refusal is answered inside them).
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_a_post_to_a_path_with_a_nul_is_404(client, open_edition, payload):
    path = "/api/v1/editions/klimakreise%00-3/registrations"
    response = client.post(path, json.dumps(payload), content_type="application/json")

    assert response.status_code == 404


@pytest.mark.django_db
def test_a_path_with_bytes_that_are_not_utf8_is_404(client, open_edition):
    # %ED%A0%80 would be a lone surrogate; Django keeps it percent-encoded.
    assert client.get("/api/v1/editions/%ED%A0%80").status_code == 404
    assert client.get("/e/klimakreise-3%ff/").status_code == 404


@pytest.mark.django_db
def test_a_form_post_with_bytes_that_are_not_utf8_is_refused(client, open_edition):
    # The browser's bytes arrive as U+FFFD; taking them would store a broken name silently.
    response = client.post(
        "/e/klimakreise-3/register/",
        "name=A%FFB&email=ada%40example.org",
        content_type="application/x-www-form-urlencoded",
        HTTP_ORIGIN="http://testserver",
    )

    assert response.status_code == 200
    assert "invalid characters" in response.content.decode()


@pytest.mark.django_db
def test_an_unreadable_api_path_gets_the_apis_json_not_found():
    response = Client().get("/api/v1/editions/%00")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert "default-src 'self'" in response["Content-Security-Policy"]
