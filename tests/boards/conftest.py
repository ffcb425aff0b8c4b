import pytest

from klimakreise.editions.models import Edition
from tests.boards.factories import make_circle, make_member, member_client
from tests.circles.fake_bbb import fake_bbb  # noqa: F401 (a fixture for these tests)
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def running(edition):
    edition.status = Edition.Status.RUNNING
    edition.save()
    return edition


@pytest.fixture
def circle(running):
    return make_circle(
        running, moderator=UserFactory(), video_room_url="https://meet.example.org/a"
    )


@pytest.fixture
def member(circle):
    return make_member(circle)


@pytest.fixture
def member_of_other_circle(running):
    return make_member(make_circle(running))


@pytest.fixture
def persona(client_for, organizer, stranger, circle, member, member_of_other_circle):
    """persona(name) → a client for one of the people of the permission matrix."""

    def make(name):
        if name == "organizer":
            return client_for(organizer)
        if name == "staff":
            return client_for(circle.moderator)
        if name == "member":
            return member_client(client_for, circle, member)
        if name == "other_member":
            other = member_of_other_circle.circle_membership.circle
            client = member_client(client_for, other, member_of_other_circle)
            return client
        if name == "stranger":
            return client_for(stranger)
        return client_for(None)

    return make


@pytest.fixture(autouse=True)
def _english_pages(settings):
    """These tests read English page text; German catalogues are checked in test_translations."""
    settings.LANGUAGE_CODE = "en"
