"""The worker's job: a reminder before the due date and one notice when overdue, each once."""

import pytest
from django.conf import settings

from klimakreise.outbox.models import OutboxEmail
from klimakreise.steps.reminders import send_step_reminders
from tests.steps.factories import due_in, make_circle, owned_by, step_card

pytestmark = pytest.mark.django_db


def emails_to(address):
    return list(OutboxEmail.objects.filter(to=address).order_by("id"))


def test_the_job_is_scheduled():
    paths = [path for _name, path, _every in settings.SCHEDULED_JOBS]
    assert "klimakreise.steps.reminders.send_step_reminders" in paths


def test_a_reminder_goes_out_once_before_the_due_date(world, settings):
    settings.KLIMAKREISE_STEP_REMINDER_DAYS = 7
    world.own.due_date = due_in(5)
    world.own.save()
    assert send_step_reminders() == 1
    assert send_step_reminders() == 0
    [email] = emails_to(world.member.email)
    assert "Antrag stellen" in email.text
    assert "/steps/" in email.text


def test_no_reminder_long_before_the_due_date(world, settings):
    settings.KLIMAKREISE_STEP_REMINDER_DAYS = 7
    world.own.due_date = due_in(8)
    world.own.save()
    assert send_step_reminders() == 0


def test_an_overdue_step_is_notified_once(world):
    world.contact_card.due_date = due_in(-1)
    world.contact_card.save()
    assert send_step_reminders() == 1
    assert send_step_reminders() == 0
    [email] = emails_to("rita@example.org")
    assert "Rita Kontakt" in email.text
    assert email.key.startswith("steps:overdue:")


def test_the_reminder_and_then_the_overdue_notice(world):
    world.own.due_date = due_in(1)
    world.own.save()
    send_step_reminders()
    send_step_reminders(today=due_in(2))
    keys = [e.key.split(":")[1] for e in emails_to(world.member.email)]
    assert keys == ["reminder", "overdue"]


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_finished_steps_are_not_reminded(world, status):
    world.own.due_date = due_in(-3)
    world.own.status = status
    world.own.save()
    assert send_step_reminders() == 0


def test_steps_of_unpublished_results_are_not_reminded(edition):
    circle = make_circle(edition)
    card = step_card(circle, due_date=due_in(-1))
    owned_by(card, contact_email="x@example.org")
    assert send_step_reminders() == 0


def test_steps_without_an_owner_are_not_reminded(world):
    world.nobodys.due_date = due_in(-1)
    world.nobodys.save()
    assert send_step_reminders() == 0


def test_emails_are_in_the_owners_language(world):
    world.member.language = "en"
    world.member.save()
    world.own.due_date = due_in(-1)
    world.own.save()
    send_step_reminders()
    [email] = emails_to(world.member.email)
    assert "overdue" in email.subject
    assert "<a href=" in email.html


def test_a_step_moved_to_a_new_due_date_is_reminded_again(world, settings):
    settings.KLIMAKREISE_STEP_REMINDER_DAYS = 7
    world.own.due_date = due_in(5)
    world.own.save()
    assert send_step_reminders() == 1
    world.own.due_date = due_in(6)
    world.own.save()
    assert send_step_reminders() == 1
    assert send_step_reminders() == 0
    assert len(emails_to(world.member.email)) == 2


def test_an_overdue_step_given_a_new_date_that_passes_is_notified_again(world):
    world.contact_card.due_date = due_in(-3)
    world.contact_card.save()
    assert send_step_reminders() == 1
    world.contact_card.due_date = due_in(-1)
    world.contact_card.save()
    assert send_step_reminders() == 1
    assert [e.key.split(":")[1] for e in emails_to("rita@example.org")] == ["overdue", "overdue"]
