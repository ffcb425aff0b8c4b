import pytest
from django.urls import reverse

from klimakreise.editions.models import Documentation
from klimakreise.results.publication import documentation_for

pytestmark = pytest.mark.django_db

PERSONAS = [
    (None, 302),
    ("stranger", 404),
    ("other_organizer", 404),
    ("organizer", 200),
    ("superuser", 200),
]


def url(name, edition):
    return reverse(f"results:{name}", kwargs={"slug": edition.slug})


@pytest.mark.parametrize("action", ["publish", "unpublish"])
@pytest.mark.parametrize(("persona", "expected"), PERSONAS)
def test_publishing_is_for_organizers_of_the_series(
    request, client_for, results_edition, persona, expected, action
):
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).post(url(action, results_edition))
    assert response.status_code == (302 if expected == 200 else expected)
    published = Documentation.objects.filter(
        edition=results_edition, status=Documentation.Status.PUBLISHED
    ).exists()
    assert published == (expected == 200 and action == "publish")


def test_publish_needs_post(client_for, organizer, results_edition):
    assert client_for(organizer).get(url("publish", results_edition)).status_code == 405


def test_review_page_previews_the_results_and_offers_publish(
    client_for, organizer, results_edition
):
    html = client_for(organizer).get(url("review", results_edition)).content.decode()
    assert url("publish", results_edition) in html
    assert html.count('<details class="section circle"') == 3


def test_organizer_publishes_and_the_public_page_appears(
    client_for, organizer, client, results_edition
):
    client_for(organizer).post(url("publish", results_edition))
    assert client.get(url("page", results_edition)).status_code == 200
    client_for(organizer).post(url("unpublish", results_edition))
    assert client.get(url("page", results_edition)).status_code == 404


def test_review_form_saves_count_outlook_and_next_date(client_for, organizer, results_edition):
    documentation = documentation_for(results_edition)
    response = client_for(organizer).post(
        url("review", results_edition),
        {
            "participant_count": "58",
            "outlook": "Bis bald",
            "next_date": "2030-05-01",
            "version": documentation.version,
        },
    )
    assert response.status_code == 302
    documentation.refresh_from_db()
    assert documentation.participant_count == 58
    assert documentation.outlook == "Bis bald"
    assert documentation.next_date.isoformat() == "2030-05-01"


@pytest.mark.parametrize(
    ("field", "value"),
    [("participant_count", "-3"), ("participant_count", "viele"), ("next_date", "31.02.2030")],
)
def test_bad_input_names_the_field_and_changes_nothing(
    client_for, organizer, results_edition, field, value
):
    documentation = documentation_for(results_edition)
    data = {"participant_count": "", "outlook": "Neu", "next_date": "", "version": 1}
    data[field] = value
    response = client_for(organizer).post(url("review", results_edition), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert f'id="id_{field}_error"' in response.content.decode()
    documentation.refresh_from_db()
    assert documentation.outlook == "" and documentation.version == 1


def test_a_stale_form_shows_the_newer_text_and_keeps_it(client_for, organizer, results_edition):
    documentation = documentation_for(results_edition)
    Documentation.objects.filter(pk=documentation.pk).update(outlook="Von Kollegin", version=2)
    response = client_for(organizer).post(
        url("review", results_edition),
        {"participant_count": "", "outlook": "Von mir", "next_date": "", "version": 1},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Von Kollegin" in html and "Von mir" in html
    documentation.refresh_from_db()
    assert documentation.outlook == "Von Kollegin"
