import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klimakreise.accounts.models import ApiToken
from klimakreise.editions.models import Edition
from klimakreise.registrations.models import Registration
from tests.factories import EditionFactory, UserFactory
from tests.registrations.factories import ConfirmedRegistrationFactory, wish

pytestmark = pytest.mark.django_db

URL = "/api/v1/editions/klimakreise-3/registrations"


def post(client, body, url=URL):
    return client.post(url, body, content_type="application/json")


def test_valid_registration_is_created_pending_with_ranked_wishes(client, open_edition, payload):
    response = post(client, payload)

    assert response.status_code == 201
    registration = Registration.objects.get()
    assert response.json() == {"id": registration.pk, "status": "pending_confirmation"}
    assert registration.source == "api"
    assert registration.language == "en"
    assert registration.consent_privacy_at is not None
    assert registration.privacy_notice_version == "2026-01"
    ranked = [p.topic.slug for p in registration.preferences.order_by("rank")]
    assert ranked == ["mobilitaet", "energie", "gruen"]


def test_only_required_fields_are_enough(client, open_edition):
    body = {
        "name": "Ada",
        "email": "ada@example.org",
        "sector": "verwaltung",
        "preferences": ["energie"],
        "consent_privacy": True,
    }
    assert post(client, body).status_code == 201


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"email": "not-an-email"}, "email"),
        ({"email": None}, "email"),
        ({"sector": "unbekannt"}, "sector"),
        ({"sector": None}, "sector"),
        ({"preferences": ["mobilitaet", "weltraum"]}, "preferences"),
        ({"preferences": ["mobilitaet", "mobilitaet"]}, "preferences"),
        ({"preferences": ["mobilitaet", "energie", "gruen", "energie"]}, "preferences"),
        ({"preferences": []}, "preferences"),
        ({"consent_privacy": False}, "consent_privacy"),
        ({"language": "fr"}, "language"),
        ({"preferences": "energie"}, "preferences"),
    ],
)
def test_bad_input_is_422_naming_the_field_and_stores_nothing(
    client, open_edition, payload, change, field
):
    response = post(client, {**payload, **change})

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Invalid input."
    assert field in {e["field"] for e in body["errors"]}
    assert all(e["message"] for e in body["errors"])
    assert not Registration.objects.exists()


def test_too_many_ranks_is_refused_even_with_distinct_topics(client, series, payload):
    from tests.registrations.factories import OpenEditionFactory

    OpenEditionFactory(
        series=series, slug="klimakreise-3", preference_ranks=2, topics=["a", "b", "c"]
    )
    response = post(client, {**payload, "preferences": ["a", "b", "c"]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "preferences"
    assert "2" in response.json()["errors"][0]["message"]


def test_closed_registration_is_409_and_stores_nothing(client, open_edition, payload):
    Edition.objects.filter(pk=open_edition.pk).update(status=Edition.Status.REGISTRATION_CLOSED)
    response = post(client, payload)
    assert response.status_code == 409
    assert response.json()["detail"]
    assert not Registration.objects.exists()


@pytest.mark.parametrize("slug", ["gibt-es-nicht", "entwurf"])
def test_unknown_or_draft_edition_is_404_json(client, series, payload, slug):
    EditionFactory(series=series, slug="entwurf", status=Edition.Status.DRAFT)
    response = post(client, payload, url=f"/api/v1/editions/{slug}/registrations")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_same_email_again_is_202_without_data_and_sends_a_fresh_link(
    client, open_edition, payload, mails
):
    post(client, payload)
    second = post(client, {**payload, "name": "Eve Mallory", "email": "ADA@example.org"})

    assert second.status_code == 202
    assert second.json() == {"status": "confirmation_resent"}
    registration = Registration.objects.get()
    assert registration.name == "Ada Beispiel"
    assert len(mails(to="ada@example.org")) == 2
    assert "Eve" not in mails(to="ada@example.org")[1].text


def statement(sql: str) -> str:
    """ "INSERT INTO "x" (…) …" → "INSERT x"; a savepoint's own name left out."""
    verb = sql.split()[0]
    table = re.search(r'(?:INTO|FROM) "(\w+)"', sql)
    return f"{verb} {table.group(1)}" if table and verb != "RELEASE" else verb


def test_a_sign_up_takes_one_statement_per_read_and_per_table_written(
    client, open_edition, payload
):
    post(client, {**payload, "email": "first@example.org"})  # also clears old rate-limit rows

    with CaptureQueriesContext(connection) as queries:
        response = post(client, payload)

    assert response.status_code == 201
    # The three wishes in one insert. The outer SAVEPOINT/RELEASE are the transaction (the
    # test runs inside one); the inner pair lets a known address fail without undoing it.
    assert [statement(q["sql"]) for q in queries] == [
        "INSERT registrations_ratelimithit",
        "SELECT editions_edition",
        "SELECT editions_topic",
        "SELECT organizations_sector",
        "SAVEPOINT",
        "SELECT organizations_organization",  # the organization named, if the series knows it
        "SAVEPOINT",
        "INSERT registrations_registration",
        "RELEASE",
        "INSERT registrations_preference",
        "INSERT outbox_outboxemail",
        "RELEASE",
    ]


def test_rate_limit_gives_429_after_the_configured_number(client, open_edition, payload, settings):
    settings.KLIMAKREISE_REGISTRATION_RATE = "2/m"
    codes = [post(client, {**payload, "email": f"p{i}@example.org"}).status_code for i in range(3)]
    assert codes == [201, 201, 429]
    assert Registration.objects.count() == 2


def test_edition_detail_lists_sectors_and_whether_registration_is_open(client, open_edition):
    body = client.get("/api/v1/editions/klimakreise-3").json()
    assert body["registration_open"] is True
    assert {"slug": "zivilgesellschaft", "title": "Zivilgesellschaft"} in body["sectors"]
    Edition.objects.filter(pk=open_edition.pk).update(status=Edition.Status.RUNNING)
    assert client.get("/api/v1/editions/klimakreise-3").json()["registration_open"] is False


# --- organizer list -----------------------------------------------------------------------


def bearer(user):
    _, raw = ApiToken.issue(user=user, label="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, 401),
        ("stranger", 404),
        ("other_organizer", 404),
        ("organizer", 200),
        ("superuser", 200),
    ],
)
def test_registration_list_permission_matrix(client, open_edition, request, persona, expected):
    headers = bearer(request.getfixturevalue(persona)) if persona else {}
    assert client.get(URL, **headers).status_code == expected


def test_bad_token_is_401(client, open_edition):
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer kk_forged").status_code == 401


def test_registration_list_shows_status_and_wishes(client, open_edition, organizer):
    registration = ConfirmedRegistrationFactory(edition=open_edition, name="Ada")
    wish(registration, "gruen", "energie")
    body = client.get(URL, **bearer(organizer)).json()
    assert body[0]["name"] == "Ada"
    assert body[0]["status"] == "registered"
    assert body[0]["preferences"] == ["gruen", "energie"]
    assert body[0]["email"] == registration.email


def test_registration_list_query_count_does_not_grow(
    client, open_edition, organizer, django_assert_max_num_queries
):
    for _ in range(5):
        wish(ConfirmedRegistrationFactory(edition=open_edition), "energie", "gruen")
    headers = bearer(organizer)
    with django_assert_max_num_queries(8):
        assert len(client.get(URL, **headers).json()) == 5


def test_unknown_edition_for_organizer_is_404(client, organizer):
    url = "/api/v1/editions/nope/registrations"
    assert client.get(url, **bearer(organizer)).status_code == 404


def test_a_user_who_left_the_team_loses_access(client, open_edition, series):
    user = UserFactory()
    series.organizers.add(user)
    headers = bearer(user)
    series.organizers.remove(user)
    assert client.get(URL, **headers).status_code == 404


def test_errors_come_in_the_language_the_client_asks_for(client, open_edition, payload):
    response = client.post(
        URL,
        {**payload, "can_moderate": "vielleicht", "name": ""},
        content_type="application/json",
        headers={"accept-language": "de"},
    )

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Ungültige Eingabe."
    assert {"field": "can_moderate", "message": "Geben Sie true oder false an."} in body["errors"]


def test_a_body_that_is_not_json_is_refused_with_a_clear_message(client, open_edition):
    response = client.post(URL, "name=Ada", content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": "The request body is not valid JSON."}
    assert not Registration.objects.exists()


def test_an_unknown_edition_answers_not_found_in_german(client, payload):
    response = post(client, payload, url="/api/v1/editions/gibt-es-nicht/registrations")
    german = client.get("/api/v1/editions/gibt-es-nicht", headers={"accept-language": "de"})

    assert response.status_code == 404 and response.json() == {"detail": "Not found."}
    assert german.status_code == 404 and german.json() == {"detail": "Nicht gefunden."}
