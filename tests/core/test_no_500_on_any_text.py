"""Whatever text comes in, the answer is never a server error (issue 13, point 5): every body
schema and path of the API, and the public forms, fed arbitrary text including NUL, the other
control characters, line breaks and lone surrogates. Runs on SQLite and PostgreSQL."""

import json
import typing
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ninja import Schema

from klimakreise.api.api import WRITE_METHODS, api
from tests.registrations.factories import OpenEditionFactory

pytestmark = pytest.mark.django_db

NASTY = ["\x00", "\ud800", "\udfff", "\r", "\n", "\t", "\x1b", "\x7f", "\u2028", "\ufeff"]
any_characters = st.text(st.characters(exclude_categories=()), max_size=20)
# Arbitrary text, and as often arbitrary text around one of the characters that matter here.
texts = st.one_of(
    any_characters,
    st.builds(
        lambda before, nasty, after: before + nasty + after,
        any_characters,
        st.sampled_from(NASTY),
        any_characters,
    ),
)
# Few examples per test keep the file well under a minute; the nasty characters are drawn often.
few = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def operations():
    """(method, path, body schema or None) of every operation of the API."""
    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                hints = typing.get_type_hints(operation.view_func).values()
                schemas = [h for h in hints if isinstance(h, type) and issubclass(h, Schema)]
                for method in operation.methods:
                    found.append(
                        (method, f"/api/v1{prefix}{path}", schemas[0] if schemas else None)
                    )
    return found


WRITES = [(m, p, s) for m, p, s in operations() if m in WRITE_METHODS]
READS_BY_SLUG = sorted({p for m, p, _ in operations() if m == "GET" and "{slug}" in p})


def as_bytes(text: str) -> bytes:
    # A client may send what no browser would: the bytes of a lone surrogate included.
    return text.encode("utf-8", "surrogatepass")


def in_path(text: str) -> str:
    return quote_from_bytes(as_bytes(text), safe="")


def form_body(data: dict) -> bytes:
    return b"&".join(
        f"{key}=".encode() + quote_from_bytes(as_bytes(value)).encode()
        for key, value in data.items()
    )


@pytest.fixture
def edition(series, settings):
    settings.KLIMAKREISE_REGISTRATION_RATE = "100000/m"
    return OpenEditionFactory(series=series, slug="klimakreise-3", title="3. Klimakreise")


VALID = {
    "name": "Ada Beispiel",
    "email": "ada@example.org",
    "organization": "Radentscheid",
    "sector": "zivilgesellschaft",
    "preferences": ["mobilitaet", "energie"],
    "accessibility_needs": "",
    "consent_privacy": True,
    "language": "en",
}


def test_the_api_writes_covered_here_are_all_of_them():
    # A new write operation needs its body in test_no_api_write_answers_500 below.
    assert [(m, p) for m, p, _ in WRITES] == [("POST", "/api/v1/editions/{slug}/registrations")]


def text_fields(schema) -> list[str]:
    return [
        name
        for name, field in schema.model_fields.items()
        if field.annotation is not bool and name in VALID
    ]


@few
@given(data=st.data())
def test_no_api_write_answers_500(client, edition, data):
    for method, path, schema in WRITES:
        body = dict(VALID)
        for name in data.draw(st.sets(st.sampled_from(text_fields(schema)), min_size=1)):
            body[name] = data.draw(st.lists(texts, max_size=3) if name == "preferences" else texts)
        url = path.replace("{slug}", edition.slug)
        response = client.generic(method, url, json.dumps(body), "application/json")
        assert response.status_code < 500, (method, url, body)


@few
@given(slug=texts)
def test_no_api_path_answers_500(client, edition, slug):
    for path in READS_BY_SLUG:
        url = path.replace("{slug}", in_path(slug))
        assert client.get(url).status_code < 500, url
    post_url = "/api/v1/editions/{slug}/registrations".replace("{slug}", in_path(slug))
    response = client.post(post_url, json.dumps(VALID), content_type="application/json")
    assert response.status_code < 500, post_url


SIGN_UP = {
    "name": "Ada",
    "email": "ada@example.org",
    "organization": "",
    "sector": "zivilgesellschaft",
    "rank_1": "energie",
    "accessibility_needs": "",
    "consent_privacy": "on",
    "language": "en",
}
PUBLIC_FORMS = {
    "/e/klimakreise-3/register/": SIGN_UP,
    "/accounts/login/": {"username": "ada@example.org", "password": "geheim"},
    "/accounts/password/reset/": {"email": "ada@example.org"},
}


@few
@given(data=st.data())
def test_no_public_form_answers_500(client, edition, data):
    for url, valid in PUBLIC_FORMS.items():
        sent = dict(valid)
        for name in data.draw(st.sets(st.sampled_from(sorted(valid)), min_size=1)):
            sent[name] = data.draw(texts)
        response = client.post(url, form_body(sent), "application/x-www-form-urlencoded")
        assert response.status_code < 500, (url, sent)
