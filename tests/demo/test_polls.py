"""The demo's closed date poll on the 2022 edition led to the upcoming 3rd edition: its picked
date is that edition's, it points to it, and loading again makes no second poll or edition."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from klimakreise.demo.editions import ORGANIZER_EMAIL
from klimakreise.editions.models import Edition
from klimakreise.polls.grid import poll_grid
from klimakreise.polls.models import DatePoll, PollOption, Vote, Voter

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", stdout=StringIO())


def snapshot():
    return [
        sorted(model.objects.values_list(*fields))
        for model, fields in (
            (DatePoll, ("pk", "status", "picked_option", "created_edition", "closed_at")),
            (PollOption, ("pk", "start", "end")),
            (Voter, ("pk", "name", "email", "answered_at")),
            (Vote, ("voter", "option", "answer")),
        )
    ]


def test_the_closed_poll_of_2022_picked_the_date_of_the_third_edition():
    load()

    poll = DatePoll.objects.get()
    third = Edition.objects.get(slug="magdeburg-3")
    assert poll.edition.slug == "magdeburg-2022"
    assert poll.status == DatePoll.Status.CLOSED
    assert poll.created_edition == third
    assert (poll.picked_option.start, poll.picked_option.end) == (third.start, third.end)
    assert Edition.objects.filter(series=third.series).count() == 3
    grid = poll_grid(poll)
    assert grid.best == {poll.picked_option.pk}
    assert len(grid.rows) >= 5 and all(
        row.voter.email.endswith("example.org") or not row.voter.email for row in grid.rows
    )


def test_loading_again_changes_nothing_in_the_poll():
    load()
    first = snapshot()

    load()

    assert snapshot() == first


def test_the_demo_organizer_sees_the_grid(client):
    load()
    poll = DatePoll.objects.get()
    client.force_login(poll.edition.series.organizers.get(email=ORGANIZER_EMAIL))

    response = client.get(
        reverse("polls:detail", kwargs={"slug": poll.edition.slug, "pk": poll.pk})
    )

    assert response.status_code == 200
    assert "3. Klimakreise" in response.content.decode()
