import json
import re

import pytest
from django.core import signing
from django.utils import timezone

from klimakreise.circles.models import CircleMember
from klimakreise.registrations.links import make_token
from klimakreise.registrations.models import Registration
from tests.factories import CircleFactory
from tests.registrations.factories import (
    ConfirmedRegistrationFactory,
    RegistrationFactory,
    WaitlistedRegistrationFactory,
    wish,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status
PAGES = ["", "confirm/", "cancel/", "data.json", "delete/"]


def url(registration, page=""):
    return f"/r/{make_token(registration)}/{page}"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("how", ["forged", "revoked", "expired", "other_salt"])
def test_bad_links_get_a_friendly_404(client, settings, page, how):
    registration = ConfirmedRegistrationFactory()
    token = make_token(registration)
    if how == "forged":
        token = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    elif how == "revoked":
        Registration.objects.filter(pk=registration.pk).update(link_version=2)
    elif how == "expired":
        settings.PERSONAL_LINK_MAX_AGE = -1
    else:
        token = signing.dumps([registration.pk, 1], salt="something-else")
    response = client.get(f"/r/{token}/{page}")
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_anonymized_registration_link_is_dead(client):
    registration = ConfirmedRegistrationFactory(anonymized_at=timezone.now())
    assert client.get(url(registration)).status_code == 404


def test_confirmation_needs_a_post_then_registers(client):
    registration = RegistrationFactory()
    page = client.get(url(registration, "confirm/"))
    assert page.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.PENDING  # link scanners that only GET confirm nothing
    response = client.post(url(registration, "confirm/"))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.REGISTERED


def test_confirming_when_full_puts_on_the_waitlist_and_shows_the_place(client):
    registration = RegistrationFactory(edition__capacity=0)
    WaitlistedRegistrationFactory(edition=registration.edition)
    client.post(url(registration, "confirm/"))
    html = client.get(url(registration)).content.decode()
    assert "place 2 on the waitlist" in html


def test_personal_page_shows_status_and_escapes_the_name(client):
    registration = ConfirmedRegistrationFactory(name="<script>alert(1)</script>")
    wish(registration, "energie", "gruen")
    response = client.get(url(registration))
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert 'name="rank_1"' in html


def test_change_wishes(client):
    registration = ConfirmedRegistrationFactory()
    wish(registration, "energie")
    response = client.post(url(registration, "wishes/"), {"rank_1": "gruen", "rank_2": "energie"})
    assert response.status_code == 302
    assert [p.topic.slug for p in registration.preferences.all()] == ["gruen", "energie"]


def test_duplicate_wishes_are_refused_with_a_message_and_change_nothing(client):
    registration = ConfirmedRegistrationFactory()
    wish(registration, "energie")
    response = client.post(url(registration, "wishes/"), {"rank_1": "gruen", "rank_2": "gruen"})
    assert response.status_code == 400
    assert "already chose this topic" in response.content.decode()
    assert [p.topic.slug for p in registration.preferences.all()] == ["energie"]


def test_locked_assignment_shows_the_circle_and_no_wishes_form(client):
    registration = ConfirmedRegistrationFactory()
    wish(registration, "energie")
    circle = CircleFactory(topic=registration.edition.topics.get(slug="energie"))
    CircleMember.objects.create(circle=circle, registration=registration)
    html = client.get(url(registration)).content.decode()
    assert "Your circle" in html and circle.name in html
    assert 'name="rank_1"' not in html
    assert f'href="/circles/{circle.pk}/?t=' in html
    response = client.post(url(registration, "wishes/"), {"rank_1": "gruen"})
    assert response.status_code == 302
    assert [p.topic.slug for p in registration.preferences.all()] == ["energie"]


def test_the_circles_workspace_opens_from_the_personal_page(client):
    registration = ConfirmedRegistrationFactory()
    circle = CircleFactory(topic=registration.edition.topics.get(slug="energie"))
    CircleMember.objects.create(circle=circle, registration=registration)
    html = client.get(url(registration)).content.decode()
    link = re.search(r'href="(/circles/\d+/\?t=[^"]+)"', html).group(1)

    opened = client.get(link.replace("&amp;", "&"))

    assert opened.status_code == 302
    assert client.get(opened["Location"]).status_code == 200


def test_cancel_asks_first_then_cancels_and_promotes(client):
    registration = ConfirmedRegistrationFactory(edition__capacity=1)
    waiting = WaitlistedRegistrationFactory(edition=registration.edition)
    assert client.get(url(registration, "cancel/")).status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.REGISTERED
    client.post(url(registration, "cancel/"))
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert waiting.status == Status.REGISTERED
    assert "cancelled" in client.get(url(registration)).content.decode()


def test_download_my_data_is_a_json_attachment(client):
    registration = ConfirmedRegistrationFactory(name="Jürgen Müller")
    response = client.get(url(registration, "data.json"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["name"] == "Jürgen Müller"
    assert data["email"] == registration.email


def test_delete_asks_first_then_erases(client):
    registration = ConfirmedRegistrationFactory()
    assert client.get(url(registration, "delete/")).status_code == 200
    assert Registration.objects.filter(pk=registration.pk).exists()
    token_url = url(registration)
    response = client.post(url(registration, "delete/"))
    assert response.status_code == 200
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert client.get(token_url).status_code == 404


@pytest.mark.parametrize("page", ["wishes/"])
def test_changing_pages_refuse_get(client, page):
    assert client.get(url(ConfirmedRegistrationFactory(), page)).status_code == 405
