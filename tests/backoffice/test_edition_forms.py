"""Bad input for the edition, clone and status forms: a message on the field, nothing saved."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from klimakreise.backoffice.forms import messages
from klimakreise.editions.models import Edition
from tests.backoffice.conftest import en, form_errors
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def edition_data(**changes):
    data = {
        "number": 42, "title": "42. Klimakreise", "slug": "kk-2031", "start": "2031-05-03T10:00",
        "end": "2031-05-03T16:00", "format": "online", "venue": "", "online_room_url": "",
        "get_together_start": "", "get_together_place": "", "registration_opens_at": "",
        "registration_closes_at": "", "capacity": "", "preference_ranks": 3, "intro": "",
        "previous": "",
    }  # fmt: skip
    return {**data, **changes}


@pytest.fixture
def create(client_for, organizer, series):
    url = reverse("backoffice:edition_create", kwargs={"series": series.slug})
    return lambda **changes: client_for(organizer).post(url, edition_data(**changes))


def test_valid_edition_is_created_as_draft_in_local_time(create, series):
    response = create()
    assert response.status_code == 302
    edition = Edition.objects.get(slug="kk-2031")
    assert edition.series == series
    assert edition.status == Edition.Status.DRAFT
    assert edition.start == datetime(2031, 5, 3, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert response["Location"] == reverse("backoffice:edition", args=["kk-2031"])


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end": "2031-05-03T09:00"}, "end", messages.END_AFTER_START),
        ({"end": "2031-05-03T10:00"}, "end", messages.END_AFTER_START),
        (
            {
                "registration_opens_at": "2031-04-01T00:00",
                "registration_closes_at": "2031-03-01T00:00",
            },
            "registration_closes_at",
            messages.REGISTRATION_WINDOW,
        ),
        (
            {"get_together_start": "2031-05-03T09:30"},
            "get_together_start",
            messages.GET_TOGETHER_EARLY,
        ),
        ({"preference_ranks": 0}, "preference_ranks", None),
    ],
    ids=["end-before-start", "end-equals-start", "registration-window", "get-together", "ranks"],
)
def test_bad_dates_are_refused(create, changes, field, message):
    errors = form_errors(create(**changes), field)
    assert errors
    if message:
        assert en(message) in errors
    assert not Edition.objects.filter(slug="kk-2031").exists()


def test_slug_of_an_edition_in_another_series_is_refused(create):
    EditionFactory(slug="kk-2031")  # another series: slugs are unique across the installation
    assert en(messages.EDITION_SLUG_TAKEN) in form_errors(create(), "slug")
    assert Edition.objects.filter(slug="kk-2031").count() == 1


def test_number_taken_in_the_series_is_refused(create, edition):
    errors = form_errors(create(number=edition.number), "number")
    assert en(messages.EDITION_NUMBER_TAKEN) in errors
    assert not Edition.objects.filter(slug="kk-2031").exists()


def test_same_number_in_another_series_is_fine(create):
    other = EditionFactory(number=42)
    assert create().status_code == 302
    assert Edition.objects.filter(number=42).count() == 2
    assert other.series.editions.count() == 1


def test_editing_keeps_the_database_unchanged_on_bad_input(client_for, organizer, edition):
    url = reverse("backoffice:edition_edit", kwargs={"slug": edition.slug})
    data = edition_data(number=edition.number, slug=edition.slug, end="2031-05-02T10:00")
    assert en(messages.END_AFTER_START) in form_errors(client_for(organizer).post(url, data), "end")
    stored = Edition.objects.get(pk=edition.pk)
    assert (stored.start, stored.end, stored.title) == (edition.start, edition.end, edition.title)


def test_editing_its_own_slug_and_number_is_fine(client_for, organizer, edition):
    url = reverse("backoffice:edition_edit", kwargs={"slug": edition.slug})
    data = edition_data(number=edition.number, slug=edition.slug, title="Neuer Titel")
    assert client_for(organizer).post(url, data).status_code == 302
    assert Edition.objects.get(pk=edition.pk).title == "Neuer Titel"


def test_previous_edition_must_be_of_the_same_series(create):
    foreign = EditionFactory()
    assert form_errors(create(previous=foreign.pk), "previous")
    assert not Edition.objects.filter(slug="kk-2031").exists()


def test_datetime_inputs_are_datetime_local_in_local_time(client_for, organizer, edition):
    edition.start = datetime(2031, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    edition.end = datetime(2031, 7, 1, 16, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    edition.save()
    url = reverse("backoffice:edition_edit", kwargs={"slug": edition.slug})
    html = client_for(organizer).get(url).content.decode()
    assert 'type="datetime-local" name="start" value="2031-07-01T10:00"' in html


def test_invalid_status_changes_nothing(client_for, organizer, edition):
    url = reverse("backoffice:edition_status", kwargs={"slug": edition.slug})
    response = client_for(organizer).post(url, {"status": "abgesagt"})
    assert response.status_code == 302
    assert Edition.objects.get(pk=edition.pk).status == edition.status


def test_status_change_uses_the_choices(client_for, organizer, edition):
    url = reverse("backoffice:edition_status", kwargs={"slug": edition.slug})
    client_for(organizer).post(url, {"status": Edition.Status.REGISTRATION_OPEN})
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.REGISTRATION_OPEN


def test_status_change_needs_post(client_for, organizer, edition):
    url = reverse("backoffice:edition_status", kwargs={"slug": edition.slug})
    assert client_for(organizer).get(url, {"status": "running"}).status_code == 405
    assert Edition.objects.get(pk=edition.pk).status == edition.status


def test_clone_form_refuses_bad_input(client_for, organizer, edition):
    url = reverse("backoffice:edition_clone", kwargs={"slug": edition.slug})
    data = {
        "number": edition.number, "title": "Wieder", "slug": edition.slug,
        "start": "2031-05-03T10:00", "end": "2031-05-03T09:00",
    }  # fmt: skip
    response = client_for(organizer).post(url, data)
    assert en(messages.EDITION_NUMBER_TAKEN) in form_errors(response, "number")
    assert en(messages.EDITION_SLUG_TAKEN) in form_errors(response, "slug")
    assert en(messages.END_AFTER_START) in form_errors(response, "end")
    assert Edition.objects.count() == 1
