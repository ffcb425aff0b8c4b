"""The shared page cache: who is answered from it, and what it must never store or skip."""

from datetime import datetime

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import path, reverse

from klimakreise.core.cache import (
    GENERATION_KEY,
    bump_public_generation,
    cached_public_page,
    page_cache,
)

pytestmark = pytest.mark.django_db


@cached_public_page
def form_page(request):
    """A public page that uses the visitor's CSRF token (none of ours do; one might)."""
    template = engines["django"].from_string("<form>{% csrf_token %}</form>")
    return HttpResponse(template.render(request=request))


urlpatterns = [path("form/", form_page)]


def went_through_sessions(response) -> bool:
    """The session middleware gives every request it sees a session; early answers have none."""
    return hasattr(response.wsgi_request, "session")


def test_visitors_without_cookies_are_answered_before_sessions_and_auth_run(
    client, edition, django_assert_max_num_queries
):
    first = client.get(edition.get_absolute_url())
    with django_assert_max_num_queries(1):  # one cache read
        cached = client.get(edition.get_absolute_url())
    assert went_through_sessions(first) and not went_through_sessions(cached)
    assert cached.content == first.content
    assert cached["X-Frame-Options"] == "DENY"
    assert cached["X-Content-Type-Options"] == "nosniff"
    assert cached["Content-Language"] == "de"
    assert {"Cookie", "Accept-Language"} <= {v.strip() for v in cached["Vary"].split(",")}
    assert not cached.cookies


def test_each_language_gets_its_own_cached_page(client, edition):
    url = edition.get_absolute_url()
    client.get(url, headers={"accept-language": "en"})
    english = client.get(url, headers={"accept-language": "en"})
    german = client.get(url, headers={"accept-language": "de"})
    assert not went_through_sessions(english)
    assert 'lang="en"' in english.text and english["Content-Language"] == "en"
    assert 'lang="de"' in german.text
    client.cookies["django_language"] = "en"
    assert 'lang="en"' in client.get(url, headers={"accept-language": "de"}).text


def test_visitors_with_a_session_go_through_the_full_stack_and_still_share_the_page(
    client, edition
):
    url = edition.get_absolute_url()
    client.get(url)
    client.cookies["sessionid"] = "an-anonymous-session"
    response = client.get(url)
    assert went_through_sessions(response)
    assert edition.title in response.text


def test_organizers_never_get_the_shared_page(client, edition, organizer):
    url = edition.get_absolute_url()
    client.get(url)
    client.force_login(organizer)
    assert reverse("accounts:logout") in client.get(url).text  # their own header


def test_a_waiting_message_is_shown_not_hidden_behind_the_cached_page(client, edition):
    url = edition.get_absolute_url()
    client.get(url)
    storage = CookieStorage(RequestFactory().get("/"))
    carrier = HttpResponse()
    storage._store([Message(constants.SUCCESS, "Ihre Nachricht wartet")], carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    response = client.get(url)
    assert "Ihre Nachricht wartet" in response.text
    assert "Ihre Nachricht wartet" not in client.get(url).text  # shown once, as always


@pytest.mark.urls("tests.core.test_page_cache")
def test_a_page_with_the_visitors_csrf_token_is_never_shared(client):
    client.get("/form/")
    client.get("/form/")  # now with the cookie, as a returning visitor
    newcomer = Client().get("/form/")
    # Had a page been shared, the newcomer would get someone else's token and no cookie.
    assert "csrftoken" in newcomer.cookies


def test_pages_without_the_decorator_are_not_looked_up(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/accounts/login/").status_code == 200


def test_the_generation_never_expires_however_often_it_is_bumped():
    bump_public_generation()
    bump_public_generation()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM klimakreise_page_cache WHERE cache_key LIKE %s",
            [f"%{GENERATION_KEY}"],
        )
        (expires,) = cursor.fetchone()
    expires = expires if isinstance(expires, datetime) else datetime.fromisoformat(expires)
    assert expires.year == 9999  # the database cache's "no timeout"


def test_made_up_query_strings_are_neither_served_from_nor_added_to_the_cache(client, edition):
    url = edition.get_absolute_url()
    client.get(url)
    for _ in range(2):
        response = client.get(url, {"x": "1"})
        assert went_through_sessions(response)
    assert page_cache().get(f"public-page:de:{url}?x=1") is None
    assert page_cache().get(f"public-page:de:{url}") is not None


def test_early_answers_say_how_long_they_are(client, edition):
    client.get(edition.get_absolute_url())
    cached = client.get(edition.get_absolute_url())
    assert not went_through_sessions(cached)
    assert int(cached["Content-Length"]) == len(cached.content)


def test_pages_live_apart_from_the_login_throttle(client, edition):
    client.get(edition.get_absolute_url())
    key = f"public-page:de:{edition.get_absolute_url()}"
    assert page_cache().get(key) is not None
    assert caches["default"].get(key) is None


def test_head_requests_are_answered_from_the_cache_too(client, edition):
    url = edition.get_absolute_url()
    missed = client.head(url)  # renders and stores the whole page
    head = client.head(url)
    assert went_through_sessions(missed) and not went_through_sessions(head)
    assert head.status_code == 200
    page = client.get(url)
    assert not went_through_sessions(page) and edition.title in page.text
    assert int(head["Content-Length"]) == len(page.content)
