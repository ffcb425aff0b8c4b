"""The demo's follow-up of next steps: 2021's reported steps in 2022's Rückblick, 2022's steps
done, in progress and overdue; loading again changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from klimakreise.boards.models import Card
from klimakreise.editions.models import AgendaItem
from klimakreise.outbox.models import OutboxEmail
from klimakreise.steps.models import StepFollowUp, StepUpdate
from klimakreise.steps.reminders import send_step_reminders

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", stdout=StringIO())


def snapshot():
    updates = sorted(StepUpdate.objects.values_list("card__text", "at", "status", "note"))
    follow_ups = sorted(
        StepFollowUp.objects.values_list(
            "card__text", "registration_id", "contact_email", "reminded_for", "overdue_notified_for"
        )
    )
    return updates, follow_ups


def test_2021_steps_carry_dated_notes_shown_in_the_2022_review(client):
    load()
    updates = StepUpdate.objects.filter(card__circle__edition__slug="magdeburg-2021")
    assert updates.exclude(note="").count() >= 5
    page = client.get("/e/magdeburg-2022/").text
    assert "Was wurde aus den Schritten der 1. Klimakreise?" in page
    assert "Karte mit 63 Lücken an das Stadtplanungsamt übergeben." in page
    assert 'href="#rueckblick"' in page  # the "Rückblick" agenda item links it


def test_2022_steps_are_done_in_progress_and_overdue():
    load()
    cards = Card.objects.filter(
        circle__edition__slug="magdeburg-2022", column__in=["next_steps", "responsibilities"]
    )
    today = timezone.localdate()
    assert cards.filter(status="done").exists()
    assert cards.filter(status="in_progress").exists()
    assert cards.filter(status__in=["open", "in_progress"], due_date__lt=today).exists()
    assert StepFollowUp.objects.filter(card__in=cards, registration__isnull=False).exists()
    assert StepFollowUp.objects.filter(card__in=cards).exclude(contact_email="").exists()


def test_the_look_back_items_are_of_kind_review():
    load()
    items = AgendaItem.objects.filter(title__startswith="Rückblick auf die ")
    assert items.exists()
    assert set(items.values_list("kind", flat=True)) == {AgendaItem.Kind.REVIEW}


def test_loading_twice_gives_the_same_follow_up_and_sends_nothing():
    load()
    first = snapshot()
    load()
    assert snapshot() == first
    assert send_step_reminders() == 0  # the demo's past reminders count as sent
    assert not OutboxEmail.objects.filter(key__startswith="steps:").exists()


def test_no_step_shows_the_loading_day_as_its_last_update():
    load()
    steps = Card.objects.filter(column__in=[Card.Column.NEXT_STEPS, Card.Column.RESPONSIBILITIES])
    steps = steps.filter(circle__edition__slug__in=["magdeburg-2021", "magdeburg-2022"])
    assert steps.exists()
    assert not steps.filter(updated_at__date=timezone.localdate()).exists()
