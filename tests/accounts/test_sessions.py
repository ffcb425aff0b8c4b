"""Sessions end after a period of inactivity, counted from the last request."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_idle_timeout_is_configured():
    assert "klimakreise.core.middleware.IdleTimeoutSessionMiddleware" in settings.MIDDLEWARE
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_every_request_renews_the_expiry(client):
    user = UserFactory()
    client.force_login(user)
    session = Session.objects.get()
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=5))
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 200
    assert int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == (
        settings.SESSION_COOKIE_AGE
    )
    renewed = Session.objects.get(pk=session.pk).expire_date
    expected = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((renewed - expected).total_seconds()) < 60


def test_idle_session_is_logged_out(client):
    client.force_login(UserFactory())
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_background_poll_does_not_count_as_activity(client):
    from tests.factories import CircleFactory

    user = UserFactory(is_superuser=True)
    circle = CircleFactory()
    client.force_login(user)
    soon = timezone.now() + timedelta(minutes=5)
    Session.objects.update(expire_date=soon)
    response = client.get(reverse("boards:board", args=[circle.pk]))
    assert response.status_code == 200
    assert Session.objects.get().expire_date == soon
    client.get(reverse("backoffice:home"))
    assert Session.objects.get().expire_date > soon + timedelta(minutes=30)
