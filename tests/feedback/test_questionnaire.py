"""Organizers start from the default questionnaire and add their own questions; bad questions
are refused with a message at the field and change nothing."""

import pytest
from django.urls import reverse

from klimakreise.feedback import services
from klimakreise.feedback.models import Question, Survey
from tests.factories import RegistrationFactory
from tests.feedback.factories import answer, open_survey, past_edition

pytestmark = pytest.mark.django_db


def url(edition, name, *args):
    return reverse(f"feedback:{name}", args=[edition.slug, *args])


def test_the_survey_starts_with_the_default_questionnaire(client_for, organizer, edition):
    response = client_for(organizer).post(url(edition, "create"))
    assert response.status_code == 302
    survey = Survey.objects.get(edition=edition)
    kinds = [(q.position, q.kind, q.rates_own_circle) for q in survey.questions.all()]
    assert kinds == [
        (1, "scale", False),
        (2, "scale", True),
        (3, "text", False),
        (4, "text", False),
        (5, "choice", False),
        (6, "multiple", False),
    ]
    assert survey.status == Survey.Status.DRAFT
    assert survey.questions.get(position=1).text == "Wie bewerten Sie die Veranstaltung insgesamt?"


def test_creating_twice_keeps_one_survey(client_for, organizer, edition):
    client = client_for(organizer)
    client.post(url(edition, "create"))
    client.post(url(edition, "create"))
    assert Survey.objects.filter(edition=edition).count() == 1
    assert Question.objects.filter(survey__edition=edition).count() == 6


@pytest.mark.parametrize(
    "data",
    [
        {"text": "Wie war das Essen?", "kind": "scale", "scale_min": "0", "scale_max": "10"},
        {"text": "Welches Format?", "kind": "choice", "options": "online\nvor Ort\n"},
        {"text": "Welche Themen?", "kind": "multiple", "options": "Energie\nMobilität\nGrün"},
        {"text": "Was noch?", "kind": "text", "required": "on"},
    ],
)
def test_organizers_add_questions_of_every_kind(client_for, organizer, edition, data):
    survey = open_survey(edition, status=Survey.Status.DRAFT)
    data = {"scale_min": "1", "scale_max": "5", "options": "", **data}
    response = client_for(organizer).post(url(edition, "add_question"), data)
    assert response.status_code == 302
    added = survey.questions.get(position=7)
    assert (added.text, added.kind) == (data["text"], data["kind"])
    if data["kind"] in ("choice", "multiple"):
        assert added.options == [o for o in data["options"].splitlines() if o]
    else:
        assert added.options == []
    assert added.required == ("required" in data)


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"kind": "choice", "options": ""}, "options", "mindestens zwei Optionen"),
        ({"kind": "multiple", "options": "nur eine"}, "options", "mindestens zwei Optionen"),
        ({"kind": "choice", "options": "Ja\nja"}, "options", "nur einmal"),
        ({"kind": "scale", "scale_min": "5", "scale_max": "5"}, "scale_max", "oberhalb"),
        ({"kind": "scale", "scale_max": "11"}, "scale_max", "10"),
        ({"kind": "scale", "scale_min": "-1"}, "scale_min", "0"),
        ({"kind": "rating"}, "kind", "gültige Auswahl"),
        ({"text": ""}, "text", "erforderlich"),
        ({"text": "x" * 301}, "text", "300"),
    ],
)
def test_bad_questions_are_refused_with_a_message_and_nothing_changes(
    client_for, organizer, edition, data, field, message
):
    survey = open_survey(edition, status=Survey.Status.DRAFT)
    sent = {"text": "Frage", "kind": "text", "scale_min": "1", "scale_max": "5", **data}
    response = client_for(organizer).post(url(edition, "add_question"), sent)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert survey.questions.count() == 6


def test_questions_stay_as_they_are_once_answers_arrived(client_for, organizer, edition):
    survey = open_survey(edition)
    answer(survey)
    client = client_for(organizer)
    client.post(url(edition, "add_question"), {"text": "Neu", "kind": "text"})
    first = survey.questions.first()
    client.post(url(edition, "delete_question", first.pk))
    assert survey.questions.count() == 6
    with pytest.raises(services.FeedbackError):
        services.add_question(survey=survey, text="Neu", kind="text")


def test_organizers_delete_a_question_before_answers(client_for, organizer, edition):
    survey = open_survey(edition, status=Survey.Status.DRAFT)
    last = survey.questions.last()
    client_for(organizer).post(url(edition, "delete_question", last.pk))
    assert not survey.questions.filter(pk=last.pk).exists()


def test_another_editions_question_cannot_be_deleted(client_for, organizer, edition):
    open_survey(edition, status=Survey.Status.DRAFT)
    other = open_survey(past_edition(series=edition.series), status=Survey.Status.DRAFT)
    response = client_for(organizer).post(
        url(edition, "delete_question", other.questions.first().pk)
    )
    assert response.status_code == 404
    assert other.questions.count() == 6


def test_settings_open_the_survey_and_bad_input_is_refused(client_for, organizer, edition):
    survey = open_survey(edition, status=Survey.Status.DRAFT)
    client = client_for(organizer)
    response = client.post(
        url(edition, "settings"),
        {"status": "open", "closes_at": "2030-01-31T18:00", "public_link_enabled": "on"},
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.status == "open" and survey.public_link_enabled
    assert survey.closes_at.year == 2030
    response = client.post(url(edition, "settings"), {"status": "halb", "closes_at": "morgen"})
    assert response.status_code == 400
    errors = response.context["settings_form"].errors
    assert {"status", "closes_at"} <= errors.keys()
    survey.refresh_from_db()
    assert survey.status == "open"


def test_the_survey_page_shows_counts_and_the_public_link_when_enabled(
    client_for, organizer, edition
):
    survey = open_survey(edition)
    answer(survey, RegistrationFactory(edition=edition))
    RegistrationFactory(edition=edition)
    client = client_for(organizer)
    page = client.get(url(edition, "survey")).content.decode()
    assert "1 Antwort" in page
    assert "2 Personen können eingeladen werden" in page
    assert survey.public_key not in page
    assert "Frage hinzufügen" not in page  # frozen once answers arrived
    Survey.objects.filter(pk=survey.pk).update(public_link_enabled=True)
    page = client.get(url(edition, "survey")).content.decode()
    assert f"/e/{edition.slug}/feedback/{survey.public_key}/" in page


def test_a_scale_left_empty_runs_from_1_to_5(client_for, organizer, edition):
    survey = open_survey(edition, status=Survey.Status.DRAFT)
    data = {"text": "Wie war der Raum?", "kind": "scale", "scale_min": "", "scale_max": ""}
    assert client_for(organizer).post(url(edition, "add_question"), data).status_code == 302
    added = survey.questions.get(position=7)
    assert (added.scale_min, added.scale_max) == (1, 5)
