"""Writes to the API come as JSON and not from another site's page (issue 13, point 4)."""

import json

import pytest
from django.test.client import MULTIPART_CONTENT

from klimakreise.registrations.models import Registration

URL = "/api/v1/editions/klimakreise-3/registrations"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_edition")]

OWN_ORIGIN = "http://testserver"
FOREIGN_ORIGIN = "https://evil.example"


def text_plain(payload):
    return {"data": json.dumps(payload), "content_type": "text/plain"}


def form_encoded(payload):
    fields = {k: v for k, v in payload.items() if k != "preferences"}
    body = "&".join(f"{k}={v}" for k, v in fields.items())
    return {"data": body, "content_type": "application/x-www-form-urlencoded"}


def multipart(payload):
    fields = {k: str(v) for k, v in payload.items() if k != "preferences"}
    return {"data": fields, "content_type": MULTIPART_CONTENT}  # the client encodes it


def as_json(payload):
    return {"data": json.dumps(payload), "content_type": "application/json"}


BODIES = [text_plain, form_encoded, multipart]


@pytest.mark.parametrize("body", BODIES)
def test_a_body_that_is_not_json_is_415_and_stores_nothing(client, payload, body):
    # Even JSON text sent as text/plain: browsers send that across sites without asking.
    response = client.post(URL, **body(payload))

    assert response.status_code == 415
    assert set(response.json()) == {"detail"}
    assert "application/json" in response.json()["detail"]
    assert not Registration.objects.exists()


@pytest.mark.parametrize("body", [*BODIES, as_json])
def test_a_write_from_a_foreign_origin_is_403_and_stores_nothing(client, payload, body):
    response = client.post(URL, headers={"Origin": FOREIGN_ORIGIN}, **body(payload))

    assert response.status_code == 403
    assert set(response.json()) == {"detail"}
    assert not Registration.objects.exists()


@pytest.mark.parametrize("fetch_site", ["cross-site", "same-site"])
def test_a_write_that_the_browser_marks_as_from_another_site_is_403(client, payload, fetch_site):
    response = client.post(URL, headers={"Sec-Fetch-Site": fetch_site}, **as_json(payload))

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_the_origin_null_of_a_sandboxed_page_is_refused(client, payload):
    response = client.post(URL, headers={"Origin": "null"}, **as_json(payload))

    assert response.status_code == 403


def test_the_refusal_is_worded_in_the_language_of_the_request(client, payload):
    headers = {"Origin": FOREIGN_ORIGIN, "Accept-Language": "de"}
    response = client.post(URL, headers=headers, **as_json(payload))

    assert response.json()["detail"] == "Anfragen von anderen Websites werden nicht angenommen."


def test_json_from_the_own_site_is_taken(client, payload):
    headers = {"Origin": OWN_ORIGIN, "Sec-Fetch-Site": "same-origin"}
    response = client.post(URL, headers=headers, **as_json(payload))

    assert response.status_code == 201
    assert Registration.objects.get().name == "Ada Beispiel"


def test_json_with_a_charset_is_json(client, payload):
    body = {"data": json.dumps(payload), "content_type": "application/json; charset=utf-8"}
    assert client.post(URL, **body).status_code == 201


def test_a_client_without_browser_headers_keeps_working(client, payload):
    # curl, or another server: no Origin, no Sec-Fetch-Site.
    response = client.post(URL, **as_json(payload))

    assert response.status_code == 201


def test_reading_is_not_affected_by_the_origin(client, open_edition):
    response = client.get(
        f"/api/v1/editions/{open_edition.slug}", headers={"Origin": FOREIGN_ORIGIN}
    )

    assert response.status_code == 200
