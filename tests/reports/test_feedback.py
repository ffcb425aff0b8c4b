"""The funder report carries the feedback survey's aggregates, never an answer of one person:
counts per option, free texts only counted, nothing for fewer than 3 answers."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from klimakreise.feedback.models import Question, Survey
from klimakreise.reports.data import gather_edition_report, gather_series_report
from klimakreise.reports.sections import edition_sections, series_sections
from tests.factories import EditionFactory
from tests.feedback.factories import answer, open_survey, participants, past_edition

pytestmark = pytest.mark.django_db


def feedback_of(sections):
    return next(section for section in sections if section.key == "feedback")


@pytest.fixture
def surveyed():
    edition = past_edition()
    survey = open_survey(edition)
    people = participants(edition, 4)
    for person, overall in zip(people, ["5", "4", "4", "3"], strict=True):
        answer(survey, person, overall=overall, keep=f"Die Runde von {person.name}")
    return edition


def test_the_edition_report_counts_the_answers_per_option(surveyed):
    with translation.override("en"):
        section = feedback_of(edition_sections(gather_edition_report(surveyed)))
    overall = section.tables[0]
    shown = {label: str(cell) for label, cell in overall.rows}
    # 1 and 2 people show as "< 3"; with two such cells no other needs hiding.
    assert shown == {"1": "0", "2": "0", "3": "< 3", "4": "< 3", "5": "< 3"}
    assert overall.footer == ["Mean", "4.0"]
    assert "4 people answered the feedback survey." in section.notes


def test_free_texts_are_only_counted(surveyed):
    with translation.override("en"):
        section = feedback_of(edition_sections(gather_edition_report(surveyed)))
    text = repr(section)
    assert "Die Runde von" not in text
    keep = Question.objects.get(survey__edition=surveyed, position=3).text
    assert f"{keep}: 4 written answers (in the survey's report)." in section.notes


def test_a_question_with_fewer_than_three_answers_shows_no_counts():
    edition = past_edition()
    survey = open_survey(edition)
    for person in participants(edition, 2):
        answer(survey, person)
    with translation.override("en"):
        section = feedback_of(edition_sections(gather_edition_report(edition)))
    assert section.tables == []
    overall = survey.questions.filter(kind=Question.Kind.SCALE).first()
    assert f"{overall.text}: fewer than 3 answers." in section.notes


def test_an_edition_without_survey_says_so():
    with translation.override("en"):
        section = feedback_of(edition_sections(gather_edition_report(EditionFactory())))
    assert section.notes == ["No feedback survey."]


def test_the_series_report_shows_responses_and_the_overall_mean_per_edition(surveyed):
    small = past_edition(series=surveyed.series)
    small_survey = open_survey(small)
    for person in participants(small, 2):
        answer(small_survey, person, overall="1")
    EditionFactory(series=surveyed.series)  # without survey: no row
    with translation.override("en"):
        section = feedback_of(series_sections(gather_series_report(surveyed.series)))
    rows = {row[0]: row[1:] for row in section.tables[0].rows}
    assert rows == {surveyed.title: [4, "4.0"], small.title: [2, "–"]}


def test_the_report_page_shows_the_feedback_without_free_texts(client_for, surveyed):
    organizer = client_for(surveyed.series.organizers.create(email="team@example.org"))
    url = reverse("reports:edition", args=[surveyed.slug])
    page = organizer.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="report-feedback"' in page and "4 people answered" in page
    workbook = openpyxl.load_workbook(io.BytesIO(organizer.get(url + "?format=xlsx").content))
    rows = list(workbook["Feedback"].iter_rows(values_only=True))
    assert ("4", "< 3") in rows
    assert organizer.get(url + "?format=pdf").content.startswith(b"%PDF")
    assert "Die Runde von" not in page


def test_the_series_feedback_reads_in_three_queries_however_many_surveys(
    surveyed, django_assert_num_queries
):
    with django_assert_num_queries(8):
        gather_series_report(surveyed.series)
    for _ in range(2):
        more = past_edition(series=surveyed.series)
        survey = open_survey(more)
        for person in participants(more, 3):
            answer(survey, person)
    with django_assert_num_queries(8):
        assert len(gather_series_report(surveyed.series).feedback) == 3


def test_counts_of_three_or_more_are_shown(surveyed):
    survey = Survey.objects.get(edition=surveyed)
    for person in participants(surveyed, 3):
        answer(survey, person, overall="4")
    with translation.override("en"):
        section = feedback_of(edition_sections(gather_edition_report(surveyed)))
    shown = {label: str(cell) for label, cell in section.tables[0].rows}
    assert shown["4"] == "5"
