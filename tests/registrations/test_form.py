import re
from datetime import timedelta

import pytest
from django.utils import timezone

from klimakreise.core.cache import page_cache
from klimakreise.editions.models import Edition
from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations.models import Registration
from tests.factories import EditionFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

URL = "/e/klimakreise-3/register/"


def test_form_has_one_labelled_select_per_rank_and_organization_suggestions(client, open_edition):
    OrganizationFactory(series=open_edition.series, name="Radentscheid Musterstadt")
    html = client.get(URL).content.decode()
    for rank in (1, 2, 3):
        assert f'<label for="id_rank_{rank}">' in html
        assert f'<select name="rank_{rank}"' in html
    assert 'list="organization-suggestions"' in html
    assert '<option value="Radentscheid Musterstadt">' in html
    assert 'href="/privacy/"' in html
    assert "joins_get_together" not in html  # this edition has no get-together


def test_ranks_never_exceed_the_number_of_topics(client, series):
    from tests.registrations.factories import OpenEditionFactory

    OpenEditionFactory(series=series, slug="klimakreise-3", preference_ranks=5, topics=["a", "b"])
    html = client.get(URL).content.decode()
    assert 'name="rank_2"' in html and 'name="rank_3"' not in html


def test_get_together_question_only_when_the_edition_has_one(client, open_edition):
    open_edition.get_together_start = open_edition.end
    open_edition.save()
    assert 'name="joins_get_together"' in client.get(URL).content.decode()


def test_honeypot_is_hidden_from_people_and_screen_readers(client, open_edition):
    html = client.get(URL).content.decode()
    assert '<div class="visually-hidden" aria-hidden="true">' in html
    assert 'name="website" id="id_website" tabindex="-1"' in html


def test_valid_form_registers_and_redirects_to_check_your_email(client, open_edition, form_data):
    response = client.post(URL, form_data)
    assert response.status_code == 302
    assert response["Location"] == "/e/klimakreise-3/register/sent/"
    registration = Registration.objects.get()
    assert registration.source == "form"
    assert registration.can_moderate is True
    assert registration.privacy_notice_version == "2026-01"
    assert OutboxEmail.objects.filter(to="ada@example.org").count() == 1
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"email": "nope"}, "email"),
        ({"sector": "mars"}, "sector"),
        ({"rank_1": ""}, "rank_1"),
        ({"rank_2": "mobilitaet"}, "rank_2"),
        ({"rank_3": "weltraum"}, "rank_3"),
        ({"consent_privacy": ""}, "consent_privacy"),
    ],
)
def test_bad_input_shows_the_field_error_and_stores_nothing(
    client, open_edition, form_data, change, field
):
    response = client.post(URL, {**form_data, **change})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Registration.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_filled_honeypot_pretends_success_and_stores_nothing(client, open_edition, form_data):
    response = client.post(URL, {**form_data, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_rate_limit_shows_a_friendly_429_page(client, open_edition, form_data, settings):
    settings.KLIMAKREISE_REGISTRATION_RATE = "1/m"
    client.post(URL, form_data)
    response = client.post(URL, {**form_data, "email": "zweite@example.org"})
    assert response.status_code == 429
    assert "Please wait a minute" in response.content.decode()
    assert Registration.objects.count() == 1


def test_form_and_api_share_one_limit(client, open_edition, form_data, payload, settings):
    settings.KLIMAKREISE_REGISTRATION_RATE = "1/m"
    client.post(URL, form_data)
    api = client.post(
        "/api/v1/editions/klimakreise-3/registrations",
        {**payload, "email": "other@example.org"},
        content_type="application/json",
    )
    assert api.status_code == 429


def test_closed_edition_shows_no_form_and_accepts_no_post(client, open_edition, form_data):
    Edition.objects.filter(pk=open_edition.pk).update(status=Edition.Status.RUNNING)
    assert '<form method="post" class="stacked"' not in client.get(URL).content.decode()
    client.post(URL, form_data)
    assert not Registration.objects.exists()


def test_draft_edition_form_is_404(client, series):
    EditionFactory(series=series, slug="klimakreise-3", status=Edition.Status.DRAFT)
    assert client.get(URL).status_code == 404


def test_edition_page_shows_the_register_link_only_while_open(client, open_edition):
    assert URL in client.get("/e/klimakreise-3/").content.decode()
    Edition.objects.filter(pk=open_edition.pk).update(status=Edition.Status.RUNNING)
    page_cache().clear()  # update() sends no signal that would retire the cached page
    assert URL not in client.get("/e/klimakreise-3/").content.decode()


NOW = timezone.now()
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("status", "opens", "closes", "expected"),
    [
        ("registration_open", None, None, True),
        ("published", NOW - HOUR, NOW + HOUR, True),
        ("published", NOW - HOUR, None, True),
        ("published", None, NOW + HOUR, True),
        ("published", None, None, False),
        ("published", NOW + HOUR, None, False),
        ("published", NOW - 2 * HOUR, NOW - HOUR, False),
        ("draft", NOW - HOUR, NOW + HOUR, False),
        ("registration_closed", NOW - HOUR, NOW + HOUR, False),
        ("running", None, None, False),
    ],
)
def test_when_registration_is_open(status, opens, closes, expected):
    edition = Edition(status=status, registration_opens_at=opens, registration_closes_at=closes)
    assert edition.registration_is_open(now=NOW) is expected


@pytest.mark.parametrize("language", ["de", "en"])
def test_privacy_notice_page_in_both_languages(client, language):
    client.cookies["django_language"] = language
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert "2026-01" in response.content.decode()


def test_the_edition_page_carries_the_form_while_registration_is_open(client, open_edition):
    html = client.get("/e/klimakreise-3/").content.decode()

    assert 'id="register"' in html and f'action="{URL}"' in html
    assert '<select name="rank_1"' in html and 'name="consent_privacy"' in html
    assert "csrfmiddlewaretoken" not in html  # so the page can be cached for everyone


def test_the_edition_page_has_no_form_once_registration_is_closed(client, open_edition):
    open_edition.status = Edition.Status.REGISTRATION_CLOSED
    open_edition.save()
    assert 'id="register"' not in client.get("/e/klimakreise-3/").content.decode()


def test_a_sign_up_from_the_cached_edition_page_needs_no_csrf_cookie(open_edition, form_data):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.get("/e/klimakreise-3/")

    response = browser.post(URL, form_data)

    assert response.status_code == 302
    assert Registration.objects.get().email == "ada@example.org"


def test_a_sign_up_posted_from_another_site_is_refused(client, open_edition, form_data):
    response = client.post(URL, form_data, headers={"origin": "https://boese.example"})

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_a_sign_up_posted_from_this_site_is_taken(client, open_edition, form_data):
    response = client.post(URL, form_data, headers={"origin": "http://testserver"})

    assert response.status_code == 302
    assert Registration.objects.exists()


def test_required_fields_are_marked_and_announced(client, open_edition):
    html = client.get(f"/e/{open_edition.slug}/register/").content.decode()
    mark = '<span class="required-mark" aria-hidden="true"'
    assert "Fields marked with * must be filled in." in html
    email_label = re.search(r'<label for="id_email">.*?</label>(.*?)<input[^>]*>', html, re.S)
    assert mark in email_label.group(1) and " required" in email_label.group(0)
    organization = re.search(r'<label for="id_organization">.*?</label>(.{0,60})', html, re.S)
    assert mark not in organization.group(1)


def test_the_form_marks_a_topic_that_does_not_take_place(client, open_edition):
    open_edition.topics.filter(slug="gruen").update(cancelled=True)

    html = client.get(URL).content.decode()

    assert re.search(
        r'<option value="gruen">[^<]*\((findet nicht statt|does not take place)\)<', html
    )
    assert not re.search(r'<option value="energie">[^<]*\(', html)
