"""Every organizer page of the survey: anonymous visitors go to the login page, signed-in people
who do not organize the series get 404, organizers (and superusers) get the page."""

import pytest
from django.urls import reverse

from tests.factories import RegistrationFactory
from tests.feedback.factories import answer, open_survey

pytestmark = pytest.mark.django_db

# (URL name, method, expected status for organizers)
PAGES = [
    ("survey", "get", 200),
    ("create", "post", 302),
    ("settings", "post", 400),  # an empty form: refused, but only after the access check
    ("add_question", "get", 200),
    ("add_question", "post", 400),
    ("delete_question", "post", 302),
    ("invite", "post", 302),
    ("report", "get", 200),
    ("report_csv", "get", 200),
    ("report_xlsx", "get", 200),
    ("publish", "post", 302),
]


@pytest.fixture
def survey(edition):
    survey = open_survey(edition)
    for _ in range(3):
        answer(survey, RegistrationFactory(edition=edition))
    return survey


def address(survey, name):
    args = [survey.edition.slug]
    if name == "delete_question":
        args.append(survey.questions.last().pk)
    return reverse(f"feedback:{name}", args=args)


@pytest.mark.parametrize("name, method, expected", PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, survey, name, method, expected):
    response = getattr(client, method)(address(survey, name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name, method, expected", PAGES)
def test_people_who_do_not_organize_the_series_get_404(
    client_for, stranger, other_organizer, survey, name, method, expected
):
    for user in (stranger, other_organizer):
        response = getattr(client_for(user), method)(address(survey, name))
        assert response.status_code == 404, user


@pytest.mark.parametrize("name, method, expected", PAGES)
def test_organizers_and_superusers_reach_every_page(
    client_for, organizer, superuser, survey, name, method, expected
):
    for user in (organizer, superuser):
        response = getattr(client_for(user), method)(address(survey, name))
        assert response.status_code == expected, user


def test_pages_of_an_edition_without_survey_are_404_but_its_start_page_shows(
    client_for, organizer, edition
):
    client = client_for(organizer)
    page = client.get(reverse("feedback:survey", args=[edition.slug]))
    assert page.status_code == 200
    assert "Mit den Standardfragen beginnen" in page.content.decode()
    assert client.get(reverse("feedback:report", args=[edition.slug])).status_code == 404


def test_get_is_not_allowed_for_changes(client_for, organizer, survey):
    response = client_for(organizer).get(address(survey, "publish"))
    assert response.status_code == 405


def test_the_organizer_page_of_the_edition_links_the_survey(client_for, organizer, edition):
    page = client_for(organizer).get(reverse("backoffice:edition", args=[edition.slug]))
    assert reverse("feedback:survey", args=[edition.slug]) in page.content.decode()
