"""Personal data in the follow-up leaves with the person, and contacts after retention."""

from datetime import timedelta

import pytest
from django.utils import timezone

from klimakreise.registrations.services import delete_registration
from klimakreise.steps.erasure import erase_step_contacts
from klimakreise.steps.models import StepFollowUp, StepUpdate
from klimakreise.steps.services import update_step

pytestmark = pytest.mark.django_db


def test_an_erased_persons_name_leaves_the_notes(world):
    note = f"{world.member.name} hat den Antrag gestellt"
    update_step(card=world.nobodys, version=1, status="done", note=note, by="organizer")
    delete_registration(registration=world.member)
    assert world.member.name not in StepUpdate.objects.get(card=world.nobodys).note


def test_contacts_are_emptied_after_retention(world, settings):
    settings.KLIMAKREISE_RETENTION_MONTHS = 12
    assert erase_step_contacts() == 0
    later = world.edition.end + timedelta(days=400)
    assert erase_step_contacts(now=later) == 1
    follow_up = StepFollowUp.objects.get(pk=world.contact_follow_up.pk)
    assert (follow_up.contact_name, follow_up.contact_email) == ("", "")
    assert follow_up.link_version == 2
    assert timezone.now() < later
