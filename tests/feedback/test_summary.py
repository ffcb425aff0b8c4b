"""The published summary: on the results page and in the API, counts only, after organizers
published it and only while the edition's results are published; publishing needs a closed
survey and 3 responses and retires the cached public page."""

import pytest
from django.urls import reverse

from klimakreise.editions.models import Edition
from klimakreise.feedback.models import Survey
from klimakreise.feedback.report import Bar
from klimakreise.feedback.summary import SummaryQuestion, published_summary
from klimakreise.results.publication import publish_results
from tests.factories import RegistrationFactory
from tests.feedback.factories import answer, circle_of, open_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(edition):
    survey = open_survey(edition)
    circle = circle_of(edition)
    for i, overall in enumerate(["5", "4", "4", "2"]):
        person = RegistrationFactory(edition=edition, name=f"Hedwig Muster{i}")
        answer(
            survey, person, overall=overall, keep="Geheimer Freitext", heard=(0, 3), circle=circle
        )
    close(survey)
    return survey


def close(survey):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    survey.refresh_from_db()


@pytest.fixture
def results_published(survey):
    publish_results(edition=survey.edition)


def publish(client, survey, published=True):
    url = reverse("feedback:publish", args=[survey.edition.slug])
    return client.post(url, {"published": "1" if published else "0"}, follow=True)


def api(edition):
    return f"/api/v1/editions/{edition.slug}/feedback"


def test_the_api_answers_404_before_publishing_and_for_unknown_editions(client, survey):
    response = client.get(api(survey.edition))
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}
    assert client.get("/api/v1/editions/gibt-es-nicht/feedback").status_code == 404


@pytest.mark.usefixtures("results_published")
def test_the_api_has_exactly_the_documented_shape(client_for, organizer, client, survey):
    publish(client_for(organizer), survey)
    body = client.get(api(survey.edition)).json()
    assert set(body) == {"responses", "questions"}
    assert body["responses"] == 4
    questions = {q["id"]: q for q in body["questions"]}
    by_position = {q.position: q for q in survey.questions.all()}
    assert [q["id"] for q in body["questions"]] == [by_position[i].pk for i in range(1, 7)]
    assert all(set(q) == {"id", "text", "kind", "summary"} for q in body["questions"])
    overall = questions[by_position[1].pk]
    assert overall["kind"] == "scale"
    assert overall["text"] == by_position[1].text
    assert overall["summary"] == {"1": 0, "2": 1, "3": 0, "4": 2, "5": 1}
    assert questions[by_position[3].pk] == {
        "id": by_position[3].pk,
        "text": by_position[3].text,
        "kind": "text",
        "summary": {"answers": 4},
    }
    assert questions[by_position[4].pk]["summary"] == {}  # nobody answered: too few
    heard = by_position[6]
    assert questions[heard.pk]["kind"] == "multiple"
    assert questions[heard.pk]["summary"] == {
        option: (4 if i in (0, 3) else 0) for i, option in enumerate(heard.options)
    }
    again = by_position[5]
    assert questions[again.pk]["kind"] == "choice"
    assert list(questions[again.pk]["summary"]) == again.options


@pytest.mark.usefixtures("results_published")
def test_the_api_shows_no_free_text_and_no_names(client_for, organizer, client, survey):
    publish(client_for(organizer), survey)
    text = client.get(api(survey.edition)).content.decode()
    assert "Geheimer Freitext" not in text
    assert "Muster" not in text and "example.org" not in text


def test_the_api_is_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/editions/{slug}/feedback"]["get"]
    assert set(operation["responses"]) == {"200", "404"}


@pytest.mark.usefixtures("results_published")
def test_unpublishing_hides_it_again(client_for, organizer, client, survey):
    organizer_client = client_for(organizer)
    publish(organizer_client, survey)
    assert client.get(api(survey.edition)).status_code == 200
    publish(organizer_client, survey, published=False)
    assert client.get(api(survey.edition)).status_code == 404
    assert published_summary(survey.edition) is None


def test_publishing_needs_three_responses(client_for, organizer, edition):
    survey = open_survey(edition)
    for _ in range(2):
        answer(survey, RegistrationFactory(edition=edition))
    close(survey)
    page = publish(client_for(organizer), survey).content.decode()
    assert "sobald mindestens 3 Personen geantwortet haben" in page
    survey.refresh_from_db()
    assert not survey.summary_published


def test_the_results_page_shows_the_published_summary(client_for, organizer, client, survey):
    publish_results(edition=survey.edition)
    page_url = reverse("results:page", args=[survey.edition.slug])
    assert "Rückmeldungen der Teilnehmenden" not in client.get(page_url).content.decode()
    publish(client_for(organizer), survey)  # retires the cached page
    page = client.get(page_url).content.decode()
    assert "Rückmeldungen der Teilnehmenden" in page
    assert "Auf Grundlage von 4 Antworten" in page
    assert '<th scope="row">4</th><td>2</td><td>50 %<svg' in page
    assert "Mittelwert: 3,8" in page
    assert "4 Freitext-Antworten" in page
    assert "Geheimer Freitext" not in page and "Muster" not in page
    publish(client_for(organizer), survey, published=False)
    assert "Rückmeldungen der Teilnehmenden" not in client.get(page_url).content.decode()


@pytest.mark.usefixtures("results_published")
def test_the_summary_reads_a_fixed_number_of_queries(survey, django_assert_num_queries):
    Survey.objects.filter(pk=survey.pk).update(summary_published=True)
    edition = Edition.objects.select_related("documentation").get(pk=survey.edition_id)
    with django_assert_num_queries(5):
        summary = published_summary(edition)
    assert summary.responses == 4
    assert [q.kind for q in summary.questions] == [
        "scale",
        "scale",
        "text",
        "text",
        "choice",
        "multiple",
    ]
    Survey.objects.filter(pk=survey.pk).update(summary_published=False)
    with django_assert_num_queries(1):
        assert published_summary(edition) is None


def test_the_summary_stays_hidden_while_the_results_are_unpublished(
    client_for, organizer, client, survey
):
    page = publish(client_for(organizer), survey).content.decode()
    assert "sobald die Ergebnisse veröffentlicht sind" in page
    survey.refresh_from_db()
    assert survey.summary_published
    assert client.get(api(survey.edition)).status_code == 404
    assert published_summary(survey.edition) is None
    publish_results(edition=survey.edition)
    assert client.get(api(survey.edition)).status_code == 200
    assert published_summary(Edition.objects.get(pk=survey.edition_id)).responses == 4


def test_the_summary_of_a_draft_edition_stays_hidden(survey):
    publish_results(edition=survey.edition)
    Survey.objects.filter(pk=survey.pk).update(summary_published=True)
    Edition.objects.filter(pk=survey.edition_id).update(status=Edition.Status.DRAFT)
    assert published_summary(Edition.objects.get(pk=survey.edition_id)) is None


def test_publishing_is_refused_while_the_survey_is_open(client_for, organizer, survey):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
    page = publish(client_for(organizer), survey).content.decode()
    assert "Schließen Sie zuerst die Umfrage" in page
    survey.refresh_from_db()
    assert not survey.summary_published


@pytest.mark.usefixtures("results_published")
def test_a_reopened_survey_hides_its_summary_until_closed_again(
    client_for, organizer, client, survey
):
    publish(client_for(organizer), survey)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
    assert client.get(api(survey.edition)).status_code == 404
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    assert client.get(api(survey.edition)).status_code == 200


def test_the_bars_are_drawn_to_the_largest_count():
    bars = [Bar("1", 1, 1 / 8), Bar("2", 0, 0.0), Bar("3", 4, 0.5), Bar("4", 3, 3 / 8)]
    question = SummaryQuestion(
        id=1, text="?", kind="scale", answers=8, hidden=False, bars=bars, mean=2.9
    )

    assert question.rows == [("1", 1, 12, 48), ("2", 0, 0, 0), ("3", 4, 50, 190), ("4", 3, 38, 142)]
    empty = SummaryQuestion(
        id=2, text="?", kind="scale", answers=0, hidden=False, bars=[], mean=None
    )
    assert empty.rows == []
