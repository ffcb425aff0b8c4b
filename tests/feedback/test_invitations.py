"""The worker's job invites, once the edition has ended and the survey is open, every person who
took part (confirmed or checked in, not anonymized) exactly once; organizers can send now, but
not before the edition has ended."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klimakreise.core.jobs import scheduled_jobs
from klimakreise.editions.models import Series
from klimakreise.feedback.invitations import send_due_invitations, send_invitations
from klimakreise.feedback.links import registration_from_token
from klimakreise.feedback.models import Invitation, Survey
from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations.models import Registration
from tests.factories import EditionFactory, RegistrationFactory
from tests.feedback.factories import open_survey, past_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return open_survey(past_edition())


def people(edition):
    return {
        "registered": RegistrationFactory(edition=edition),
        "checked_in": RegistrationFactory(
            edition=edition, status=Registration.Status.WAITLISTED, checked_in_at=timezone.now()
        ),
        "waitlisted": RegistrationFactory(edition=edition, status=Registration.Status.WAITLISTED),
        "pending": RegistrationFactory(edition=edition, status=Registration.Status.PENDING),
        "cancelled": RegistrationFactory(edition=edition, status=Registration.Status.CANCELLED),
        "anonymized": RegistrationFactory(edition=edition, anonymized_at=timezone.now()),
    }


def recipients() -> set[str]:
    return set(OutboxEmail.objects.values_list("to", flat=True))


def test_the_job_invites_confirmed_and_checked_in_people_once(survey):
    everyone = people(survey.edition)
    assert send_due_invitations() == 2
    assert recipients() == {everyone["registered"].email, everyone["checked_in"].email}
    assert send_due_invitations() == 0
    assert OutboxEmail.objects.count() == 2
    assert Invitation.objects.count() == 2


def test_someone_confirmed_later_is_invited_on_the_next_run(survey):
    RegistrationFactory(edition=survey.edition)
    send_due_invitations()
    late = RegistrationFactory(edition=survey.edition)
    assert send_due_invitations() == 1
    assert late.email in recipients()


def test_nobody_is_invited_before_the_end_or_while_the_survey_is_not_open():
    running = open_survey(EditionFactory())  # the factory's edition lies in the future
    RegistrationFactory(edition=running.edition)
    draft = open_survey(past_edition(), status=Survey.Status.DRAFT)
    RegistrationFactory(edition=draft.edition)
    closed = open_survey(past_edition(), closes_at=timezone.now() - timedelta(hours=1))
    RegistrationFactory(edition=closed.edition)
    assert send_due_invitations() == 0
    assert not OutboxEmail.objects.exists()


def test_the_email_has_the_personal_link_in_the_persons_language(survey):
    person = RegistrationFactory(edition=survey.edition, language="en", name="Ada Beispiel")
    send_due_invitations()
    email = OutboxEmail.objects.get()
    assert email.subject == f"Your feedback on {survey.edition.title}"
    assert "Hello Ada Beispiel" in email.text
    tokens = re.findall(r"/feedback/([^/\s\"]+)/", email.text + email.html)
    assert tokens and {registration_from_token(t) for t in tokens} == {person}
    assert email.edition == survey.edition


def test_the_german_email(survey):
    RegistrationFactory(edition=survey.edition, language="de")
    send_due_invitations()
    email = OutboxEmail.objects.get()
    assert email.subject == f"Ihr Feedback zu {survey.edition.title}"
    assert "Ihr persönlicher Link zur Umfrage" in email.text


def test_organizers_send_now_and_nobody_gets_it_twice(client_for, organizer):
    survey = open_survey(past_edition(series=organizer_series(organizer)))
    person = RegistrationFactory(edition=survey.edition)
    url = reverse("feedback:invite", args=[survey.edition.slug])
    client = client_for(organizer)
    assert client.post(url).status_code == 302
    assert recipients() == {person.email}
    client.post(url)
    send_due_invitations(now=survey.edition.end + timedelta(hours=1))
    assert OutboxEmail.objects.count() == 1


def test_send_now_is_refused_before_the_event_has_ended(client_for, organizer):
    survey = open_survey(EditionFactory(series=organizer_series(organizer)))  # in the future
    RegistrationFactory(edition=survey.edition)
    url = reverse("feedback:invite", args=[survey.edition.slug])
    page = client_for(organizer).post(url, follow=True).content.decode()
    assert "sobald die Veranstaltung vorbei ist; es wurde nichts gesendet" in page
    assert not OutboxEmail.objects.exists() and not Invitation.objects.exists()


def test_send_invitations_itself_sends_nothing_before_the_end():
    survey = open_survey(EditionFactory())
    RegistrationFactory(edition=survey.edition)
    assert send_invitations(survey=survey) == 0
    assert not OutboxEmail.objects.exists()


def test_send_now_is_refused_while_the_survey_is_a_draft(client_for, organizer):
    survey = open_survey(EditionFactory(series=organizer_series(organizer)), status="draft")
    RegistrationFactory(edition=survey.edition)
    response = client_for(organizer).post(
        reverse("feedback:invite", args=[survey.edition.slug]), follow=True
    )
    assert "Öffnen Sie zuerst die Umfrage" in response.content.decode()
    assert not OutboxEmail.objects.exists()


def organizer_series(user):
    return Series.objects.get(organizers=user)


def test_the_job_is_scheduled_for_the_worker():
    jobs = {job.name: job for job in scheduled_jobs()}
    assert jobs["feedback_invitations"].func is send_due_invitations
