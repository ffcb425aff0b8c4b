"""The demo's 2022 edition has a closed survey with at least 20 fictional answers and a
published summary, shown on the results page and in the API; loading again changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from klimakreise.editions.models import Edition
from klimakreise.feedback.models import Answer, Question, Response, Survey
from klimakreise.feedback.report import build_report

pytestmark = pytest.mark.django_db


def load() -> None:
    call_command("load_demo", stdout=StringIO())


def snapshot() -> dict[str, list]:
    volatile = {"id", "response_id", "question_id", "survey_id"}
    return {
        model.__name__: sorted(
            tuple(sorted((k, repr(v)) for k, v in row.items() if k not in volatile))
            for row in model.objects.values()
        )
        for model in (Survey, Question, Response, Answer)
    }


def test_2022_has_a_published_summary_of_at_least_20_answers(client):
    load()
    survey = Survey.objects.get(edition__slug="magdeburg-2022")
    assert survey.status == Survey.Status.CLOSED and survey.summary_published
    assert survey.responses.count() >= 20
    assert not survey.responses.filter(registration__isnull=False).exists()
    report = build_report(survey)
    assert not report.hidden
    assert all(not c.hidden for c in report.questions[1].circles)  # ≥3 answers per circle
    body = client.get("/api/v1/editions/magdeburg-2022/feedback").json()
    assert body["responses"] == survey.responses.count()
    assert sum(body["questions"][0]["summary"].values()) == body["responses"]
    page = client.get("/e/magdeburg-2022/results/").content.decode()
    assert "Rückmeldungen der Teilnehmenden" in page
    assert Survey.objects.filter(edition__slug="magdeburg-2021").count() == 0


def test_loading_the_demo_again_changes_no_feedback():
    load()
    first = snapshot()
    load()
    assert snapshot() == first
    assert Edition.objects.filter(slug="magdeburg-2022").count() == 1
