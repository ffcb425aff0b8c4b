"""The organizers' report: counts with charts and data tables, free texts without names, the
own-circle rating per circle; nothing for groups of fewer than 3; CSV and XLSX the same."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from klimakreise.feedback.report import build_report
from tests.factories import RegistrationFactory
from tests.feedback.factories import answer, circle_of, open_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(edition):
    return open_survey(edition)


def people(survey, count):
    return [
        RegistrationFactory(edition=survey.edition, name=f"Hedwig Muster{i}") for i in range(count)
    ]


def url(survey, name):
    return reverse(f"feedback:{name}", args=[survey.edition.slug])


def test_counts_per_value_mean_and_free_texts_in_stable_order(survey):
    a, b, c = people(survey, 3)
    answer(survey, a, overall="5", keep="Zeit für Austausch", heard=(0, 1))
    answer(survey, b, overall="4", keep="alles", heard=(0,))
    answer(survey, c, overall="4", keep="Mehr Pausen", heard=(2,))
    report = build_report(survey)
    overall, _, keep, change, again, heard = report.questions
    assert report.responses == 3 and not report.hidden
    assert overall.counts == {"1": 0, "2": 0, "3": 0, "4": 2, "5": 1}
    assert overall.mean == pytest.approx(13 / 3)
    # alphabetical, not by arrival
    assert keep.texts == ["alles", "Mehr Pausen", "Zeit für Austausch"]
    assert keep.bars == [] and keep.answers == 3
    assert change.hidden  # nobody answered it
    assert list(heard.counts.values()) == [2, 1, 1, 0, 0, 0]
    assert heard.answers == 3
    assert again.counts[again.bars[0].label] == 3


def test_fewer_than_three_responses_show_nothing(client_for, organizer, survey):
    a, b = people(survey, 2)
    answer(survey, a, keep="Geheimnis")
    answer(survey, b)
    report = build_report(survey)
    assert report.hidden
    assert all(q.hidden and not q.bars and not q.texts for q in report.questions)
    page = client_for(organizer).get(url(survey, "report")).content.decode()
    assert "Bisher weniger als 3 Antworten" in page
    assert "Geheimnis" not in page
    exported = client_for(organizer).get(url(survey, "report_csv")).content.decode()
    assert "Geheimnis" not in exported and "weniger als 3 Antworten" in exported


def test_a_question_with_fewer_than_three_answers_is_hidden(survey):
    a, b, c = people(survey, 3)
    answer(survey, a, keep="nur eine Antwort")
    answer(survey, b, keep="zweite")
    answer(survey, c)
    keep = build_report(survey).questions[2]
    assert keep.hidden and keep.texts == [] and keep.answers == 2


def test_circle_ratings_only_for_circles_with_three_answers(survey):
    big, small = circle_of(survey.edition), circle_of(survey.edition)
    for rating in ("5", "4", "4"):
        answer(
            survey, RegistrationFactory(edition=survey.edition), circle_rating=rating, circle=big
        )
    for rating in ("1", "2"):
        answer(
            survey, RegistrationFactory(edition=survey.edition), circle_rating=rating, circle=small
        )
    rating = build_report(survey).questions[1]
    by_name = {c.name: c for c in rating.circles}
    assert by_name[big.name].mean == pytest.approx(13 / 3) and not by_name[big.name].hidden
    assert by_name[small.name].hidden
    assert by_name[small.name].mean is None and by_name[small.name].answers == 0


def test_the_report_page_has_charts_with_data_tables_and_no_names(client_for, organizer, survey):
    circle = circle_of(survey.edition)
    for person in people(survey, 4):
        answer(survey, person, keep="Mehr Pausen", circle=circle)
    page = client_for(organizer).get(url(survey, "report")).content.decode()
    assert page.count("<svg") == 4  # overall, own circle, come again, heard of it
    assert page.count("<details>") == 4
    assert '<th scope="row">4</th><td>4</td><td>100 %</td>' in page
    assert "Mehr Pausen" in page
    assert "Bewertung je Kreis" in page and circle.name in page
    assert "Muster" not in page
    assert "@example.org" not in page


def test_the_report_page_runs_a_fixed_number_of_queries(
    client_for, organizer, survey, django_assert_max_num_queries
):
    client = client_for(organizer)
    for person in people(survey, 3):
        answer(survey, person, keep="a", circle=circle_of(survey.edition))
    with django_assert_max_num_queries(15):
        client.get(url(survey, "report"))
    for person in people(survey, 30):
        answer(survey, person, keep="b", circle=circle_of(survey.edition))
    with django_assert_max_num_queries(15):
        client.get(url(survey, "report"))


def test_csv_holds_the_counts_without_names(client_for, organizer, survey):
    for i, person in enumerate(people(survey, 3)):
        answer(survey, person, overall=str(3 + i), keep="=HYPERLINK(1)")
    response = client_for(organizer).get(url(survey, "report_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"feedback-{survey.edition.slug}.csv" in response["Content-Disposition"]
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert body.startswith("Frage;Art;Antwort;Anzahl;Anteil (%)")  # like the registrations' CSV
    assert rows[0] == ["Frage", "Art", "Antwort", "Anzahl", "Anteil (%)"]
    overall = survey.questions.get(position=1).text
    assert [overall, "Skala", "3", "1", "33"] in rows
    assert [overall, "Skala", "Mittelwert", "4,00", ""] in rows  # the German decimal comma
    keep = survey.questions.get(position=3).text
    assert [keep, "Freitext", "Anzahl der Antworten", "3", ""] in rows
    text = response.content.decode()
    assert "HYPERLINK" not in text and "Muster" not in text


def test_xlsx_has_counts_free_texts_and_circles_without_names(client_for, organizer, survey):
    circle = circle_of(survey.edition)
    for person in people(survey, 3):
        answer(survey, person, keep="=1+1 ist zwei", circle=circle)
    response = client_for(organizer).get(url(survey, "report_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Zusammenfassung", "Freitexte", "Kreise"]
    texts = list(book["Freitexte"].iter_rows(values_only=True))
    assert texts[1:] == [(survey.questions.get(position=3).text, "'=1+1 ist zwei")] * 3
    circles = list(book["Kreise"].iter_rows(values_only=True))
    assert circles[1] == (circle.name, 3, 5)
    cells = " ".join(
        str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row
    )
    assert "Muster" not in cells and "@example.org" not in cells


def test_csv_in_english_writes_a_decimal_point(client_for, organizer, survey, settings):
    for i, person in enumerate(people(survey, 3)):
        answer(survey, person, overall=str(3 + i))
    client = client_for(organizer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(url(survey, "report_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    overall = survey.questions.get(position=1).text
    assert [overall, "scale", "mean", "4.00", ""] in rows
