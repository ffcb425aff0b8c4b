"""Participants answer by their personal link (one response each, changeable until the survey
closes) or, when organizers enabled it, by the public anonymous link."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klimakreise.circles.models import CircleMember
from klimakreise.editions.models import Edition
from klimakreise.feedback.links import make_token
from klimakreise.feedback.models import Answer, Response, Survey
from klimakreise.feedback.services import SurveyNotYetOpen, save_response
from klimakreise.registrations.links import make_token as registration_token
from klimakreise.registrations.models import Registration
from tests.factories import EditionFactory, RegistrationFactory
from tests.feedback.factories import circle_of, open_survey, past_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return open_survey(past_edition())


@pytest.fixture
def person(survey):
    return RegistrationFactory(edition=survey.edition)


def link(registration) -> str:
    return reverse("feedback:answer", kwargs={"token": make_token(registration)})


def form_data(survey, overall="4", keep="Die Kreise", again=0) -> dict:
    q = {q.position: q for q in survey.questions.all()}
    return {
        f"q{q[1].pk}": overall,
        f"q{q[2].pk}": "5",
        f"q{q[3].pk}": keep,
        f"q{q[5].pk}": q[5].options[again],
        f"q{q[6].pk}": [q[6].options[0], q[6].options[2]],
    }


def test_a_participant_answers_by_personal_link(client, survey, person):
    page = client.get(link(person))
    assert page.status_code == 200
    assert "Wie bewerten Sie die Veranstaltung insgesamt?" in page.content.decode()
    response = client.post(link(person), form_data(survey))
    assert response.status_code == 302
    stored = Response.objects.get(survey=survey, registration=person)
    values = sorted(stored.answers.values_list("question__position", "value", "text"))
    heard = survey.questions.get(position=6).options
    assert values == [
        (1, "4", ""),
        (2, "5", ""),
        (3, "", "Die Kreise"),
        (5, survey.questions.get(position=5).options[0], ""),
        (6, heard[0], ""),
        (6, heard[2], ""),
    ]


def test_answering_again_changes_the_one_response(client, survey, person):
    client.post(link(person), form_data(survey))
    client.post(link(person), form_data(survey, overall="2", keep="", again=2))
    assert Response.objects.filter(registration=person).count() == 1
    overall = survey.questions.get(position=1)
    assert list(Answer.objects.filter(question=overall).values_list("value", flat=True)) == ["2"]
    assert not Answer.objects.filter(question__position=3, response__survey=survey).exists()
    page = client.get(link(person)).content.decode()
    assert "Sie haben bereits geantwortet" in page
    assert 'value="2" ' in page and "checked" in page


def test_the_answer_remembers_the_persons_circle(client, survey, person):
    circle = circle_of(survey.edition)
    CircleMember.objects.create(circle=circle, registration=person)
    client.post(link(person), form_data(survey))
    assert Response.objects.get(registration=person).circle == circle


def test_a_required_question_left_out_is_refused_and_nothing_is_stored(client, survey, person):
    data = form_data(survey)
    del data[f"q{survey.questions.get(position=1).pk}"]
    response = client.post(link(person), data)
    assert response.status_code == 400
    assert "Bitte prüfen Sie die markierten Antworten" in response.content.decode()
    assert "erforderlich" in str(response.context["form"].errors)
    assert not Response.objects.exists()


@pytest.mark.parametrize("value", ["6", "0", "gut", ""])
def test_a_value_off_the_scale_is_refused(client, survey, person, value):
    response = client.post(link(person), form_data(survey, overall=value))
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_an_unknown_option_is_refused(client, survey, person):
    data = {**form_data(survey), f"q{survey.questions.get(position=5).pk}": "Vielleicht nie"}
    assert client.post(link(person), data).status_code == 400
    assert not Response.objects.exists()


def test_a_free_text_too_long_or_with_control_characters_is_refused(client, survey, person):
    assert client.post(link(person), form_data(survey, keep="x" * 3001)).status_code == 400
    assert client.post(link(person), form_data(survey, keep="a\x00b")).status_code == 400
    assert not Response.objects.exists()


def test_after_the_survey_closed_answers_are_refused_with_a_clear_message(client, survey, person):
    client.post(link(person), form_data(survey))
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    page = client.get(link(person))
    assert page.status_code == 200
    assert "Diese Umfrage ist geschlossen" in page.content.decode()
    refused = client.post(link(person), form_data(survey, overall="1"))
    assert refused.status_code == 403
    assert "Diese Umfrage ist geschlossen" in refused.content.decode()
    assert Answer.objects.get(question__position=1).value == "4"


def test_a_closed_status_refuses_too(client, survey, person):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    assert client.post(link(person), form_data(survey)).status_code == 403
    assert not Response.objects.exists()


@pytest.mark.parametrize("token", ["kaputt", "a" * 80, "1:2:3"])
def test_a_bad_token_is_404(client, survey, token):
    url = reverse("feedback:answer", kwargs={"token": token})
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


def test_a_revoked_or_registration_link_token_does_not_open_the_survey(client, survey, person):
    other_salt = reverse("feedback:answer", kwargs={"token": registration_token(person)})
    assert client.get(other_salt).status_code == 404
    old = link(person)
    Registration.objects.filter(pk=person.pk).update(link_version=2)
    assert client.get(old).status_code == 404


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Registration.Status.CANCELLED},
        {"status": Registration.Status.PENDING},
        {"status": Registration.Status.WAITLISTED},
        {"anonymized_at": timezone.now()},
    ],
)
def test_people_who_did_not_take_part_get_404(client, survey, fields):
    person = RegistrationFactory(edition=survey.edition, **fields)
    assert client.get(link(person)).status_code == 404


def test_a_waitlisted_person_who_was_checked_in_may_answer(client, survey):
    person = RegistrationFactory(
        edition=survey.edition,
        status=Registration.Status.WAITLISTED,
        checked_in_at=timezone.now(),
    )
    assert client.get(link(person)).status_code == 200


def test_a_draft_survey_cannot_be_answered(client, survey, person):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)
    assert client.get(link(person)).status_code == 404


def public_link(survey) -> str:
    return reverse(
        "feedback:public_answer", kwargs={"slug": survey.edition.slug, "key": survey.public_key}
    )


def test_the_public_link_works_only_when_enabled(client, survey):
    assert client.get(public_link(survey)).status_code == 404
    assert client.post(public_link(survey), form_data(survey)).status_code == 404
    Survey.objects.filter(pk=survey.pk).update(public_link_enabled=True)
    assert client.get(public_link(survey)).status_code == 200
    response = client.post(public_link(survey), form_data(survey))
    assert response.status_code == 302
    assert "Vielen Dank" in client.get(response.url).content.decode()
    stored = Response.objects.get()
    assert stored.registration is None and stored.circle is None


def test_the_public_link_needs_the_right_key(client, survey):
    Survey.objects.filter(pk=survey.pk).update(public_link_enabled=True)
    url = reverse("feedback:public_answer", kwargs={"slug": survey.edition.slug, "key": "geraten"})
    assert client.get(url).status_code == 404


def test_the_public_link_refuses_after_closing(client, survey):
    Survey.objects.filter(pk=survey.pk).update(
        public_link_enabled=True, status=Survey.Status.CLOSED
    )
    assert "geschlossen" in client.get(public_link(survey)).content.decode()
    assert client.post(public_link(survey), form_data(survey)).status_code == 403
    assert not Response.objects.exists()


def test_the_public_link_is_rate_limited_per_network(client, survey, monkeypatch):
    monkeypatch.setattr("klimakreise.feedback.answer_views.PUBLIC_ANSWER_RATE", "2/h")
    Survey.objects.filter(pk=survey.pk).update(public_link_enabled=True)
    for _ in range(2):
        client.cookies.clear()  # a new browser session each time, from the same network
        assert client.post(public_link(survey), form_data(survey)).status_code == 302
    client.cookies.clear()
    refused = client.post(public_link(survey), form_data(survey))
    assert refused.status_code == 429
    assert "Zu viele Antworten" in refused.content.decode()
    assert Response.objects.count() == 2


def test_the_answer_page_in_english(client, survey, person, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(link(person)).content.decode()
    assert f"Your feedback on {survey.edition.title}" in page
    assert "Send my answers" in page


def test_the_public_link_takes_one_answer_per_browser_session(client, survey):
    Survey.objects.filter(pk=survey.pk).update(public_link_enabled=True)
    assert client.post(public_link(survey), form_data(survey)).status_code == 302
    again = client.post(public_link(survey), form_data(survey, overall="1"))
    assert again.status_code == 403
    assert "Sie haben diese Umfrage bereits beantwortet" in again.content.decode()
    page = client.get(public_link(survey))
    assert page.status_code == 200
    assert "Sie haben diese Umfrage bereits beantwortet" in page.content.decode()
    assert Response.objects.count() == 1
    assert Answer.objects.get(question__position=1).value == "4"


def test_another_browser_session_may_answer_by_the_public_link(client, client_for, survey):
    Survey.objects.filter(pk=survey.pk).update(public_link_enabled=True)
    client.post(public_link(survey), form_data(survey))
    assert client_for(None).post(public_link(survey), form_data(survey)).status_code == 302
    assert Response.objects.count() == 2


def test_a_closed_surveys_public_link_shows_the_closed_page_even_when_switched_off(client, survey):
    Survey.objects.filter(pk=survey.pk).update(
        public_link_enabled=False, status=Survey.Status.CLOSED
    )
    page = client.get(public_link(survey))
    assert page.status_code == 200
    assert "Diese Umfrage ist geschlossen" in page.content.decode()
    assert "<footer" in page.content.decode()  # the normal layout, not a bare 404
    refused = client.post(public_link(survey), form_data(survey))
    assert refused.status_code == 403
    assert "Diese Umfrage ist geschlossen" in refused.content.decode()
    assert not Response.objects.exists()


def test_a_personal_link_before_the_end_of_the_event_says_the_survey_opens_after_it(client):
    future = open_survey(EditionFactory())  # the factory's edition lies in the future
    person = RegistrationFactory(edition=future.edition)
    page = client.get(link(person))
    assert page.status_code == 200
    assert "Die Umfrage öffnet nach der Veranstaltung" in page.content.decode()
    assert "Antworten absenden" not in page.content.decode()
    refused = client.post(link(person), form_data(future))
    assert refused.status_code == 403
    assert "Die Umfrage öffnet nach der Veranstaltung" in refused.content.decode()
    assert not Response.objects.exists()


def test_the_service_refuses_personal_answers_before_the_end(survey, person):
    Edition.objects.filter(pk=survey.edition_id).update(end=timezone.now() + timedelta(hours=1))
    survey.refresh_from_db()
    with pytest.raises(SurveyNotYetOpen):
        save_response(survey=survey, answers={}, registration=person)
    assert not Response.objects.exists()


def test_the_public_link_opens_when_the_event_begins(client, survey):
    Survey.objects.filter(pk=survey.pk).update(public_link_enabled=True)
    edition = survey.edition
    later = timezone.now() + timedelta(days=3)
    Edition.objects.filter(pk=edition.pk).update(start=later, end=later + timedelta(hours=4))
    page = client.get(public_link(survey))
    assert page.status_code == 200
    assert "Die Umfrage öffnet mit Beginn der Veranstaltung" in page.content.decode()
    assert client.post(public_link(survey), form_data(survey)).status_code == 403
    assert not Response.objects.exists()
