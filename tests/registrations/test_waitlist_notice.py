"""A full edition says so before anyone signs up: the sign-up leads to the waitlist."""

import pytest

from klimakreise.registrations import services
from tests.registrations.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

NOTICE = "waitlist-notice"


def test_the_edition_page_announces_the_waitlist_once_the_last_seat_is_taken(
    client, open_edition, settings
):
    settings.PUBLIC_PAGE_CACHE = True
    open_edition.capacity = 1
    open_edition.save()
    page = open_edition.get_absolute_url()
    assert NOTICE not in client.get(page).content.decode()  # now cached

    first = RegistrationFactory(edition=open_edition)
    services.confirm_registration(registration=first, notify=False)
    assert NOTICE in client.get(page).content.decode()

    services.cancel_registration(registration=first)
    assert NOTICE not in client.get(page).content.decode()


def test_the_sign_up_page_of_a_full_edition_announces_the_waitlist(client, open_edition):
    open_edition.capacity = 1
    open_edition.save()
    services.confirm_registration(registration=RegistrationFactory(edition=open_edition))
    html = client.get(f"/e/{open_edition.slug}/register/").content.decode()
    assert NOTICE in html
