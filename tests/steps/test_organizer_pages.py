"""The organizer's pages: all steps of a series with filters, one step with history and forms."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from klimakreise.boards.models import Card
from klimakreise.outbox.models import OutboxEmail
from klimakreise.steps.models import StepFollowUp, StepUpdate
from tests.factories import RegistrationFactory
from tests.steps.factories import make_circle, step_card

pytestmark = pytest.mark.django_db


def series_url(world, query=""):
    return reverse("steps:series", kwargs={"series": world.series.slug}) + query


def step_url(world, card, name="steps:step"):
    return reverse(name, kwargs={"series": world.series.slug, "card_id": card.pk})


def organizer_urls(world):
    """(method, url, data) of every organizer URL of the app."""
    update = {"status": "done", "note": "", "version": 1}
    return [
        ("get", series_url(world), None),
        ("get", step_url(world, world.own), None),
        ("post", step_url(world, world.own, "steps:step_update"), update),
        ("post", step_url(world, world.nobodys, "steps:step_owner"), {"contact_email": ""}),
        ("get", reverse("steps:edition", kwargs={"slug": world.edition.slug}), None),
    ]


@pytest.mark.parametrize("index", range(5))
def test_anonymous_visitors_go_to_the_login_page(client_for, world, index):
    method, url, data = organizer_urls(world)[index]
    response = getattr(client_for(None), method)(url, data)
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


@pytest.mark.parametrize("index", range(5))
def test_people_who_do_not_organize_the_series_get_a_404(client_for, world, stranger, index):
    method, url, data = organizer_urls(world)[index]
    assert getattr(client_for(stranger), method)(url, data).status_code == 404


@pytest.mark.parametrize("index", range(5))
def test_organizers_of_another_series_get_a_404(client_for, world, other_organizer, index):
    method, url, data = organizer_urls(world)[index]
    assert getattr(client_for(other_organizer), method)(url, data).status_code == 404


@pytest.mark.parametrize("index", range(5))
def test_organizers_may_use_every_page(client_for, world, organizer, index):
    method, url, data = organizer_urls(world)[index]
    response = getattr(client_for(organizer), method)(url, data)
    assert response.status_code in {200, 302}
    if method == "get" and "/manage/e/" not in url:
        assert response.status_code == 200


def test_get_on_a_change_url_is_refused(client_for, world, organizer):
    response = client_for(organizer).get(step_url(world, world.own, "steps:step_update"))
    assert response.status_code == 405


def test_the_edition_link_opens_the_series_list_filtered(client_for, world, organizer):
    response = client_for(organizer).get(reverse("steps:edition", args=[world.edition.slug]))
    assert response.url == series_url(world, f"?edition={world.edition.slug}")


def test_the_edition_navigation_links_the_steps(client_for, world, organizer):
    page = client_for(organizer).get(reverse("backoffice:edition", args=[world.edition.slug]))
    assert reverse("steps:edition", args=[world.edition.slug]) in page.text


def test_an_organizer_updates_a_step(client_for, world, organizer):
    url = step_url(world, world.nobodys, "steps:step_update")
    data = {"status": "dropped", "note": "Kein Budget", "version": 1}
    assert client_for(organizer).post(url, data).status_code == 302
    world.nobodys.refresh_from_db()
    assert world.nobodys.status == Card.Status.DROPPED
    update = StepUpdate.objects.get(card=world.nobodys)
    assert (update.by, update.by_user, update.note) == ("organizer", organizer, "Kein Budget")
    page = client_for(organizer).get(step_url(world, world.nobodys)).text
    assert "Kein Budget" in page


def test_a_bad_status_from_the_organizer_is_refused(client_for, world, organizer):
    url = step_url(world, world.nobodys, "steps:step_update")
    response = client_for(organizer).post(url, {"status": "vielleicht", "version": 1})
    assert response.status_code == 400
    assert 'id="id_status_error"' in response.text
    assert not StepUpdate.objects.exists()


def test_choosing_a_participant_sends_the_link(client_for, world, organizer):
    url = step_url(world, world.nobodys, "steps:step_owner")
    response = client_for(organizer).post(url, {"registration": world.member.pk})
    assert response.status_code == 302
    follow_up = StepFollowUp.objects.get(card=world.nobodys)
    assert follow_up.registration == world.member
    email = OutboxEmail.objects.get(to=world.member.email)
    assert "/steps/" in email.text


def test_a_contact_needs_an_email_and_not_both(client_for, world, organizer):
    url = step_url(world, world.nobodys, "steps:step_owner")
    both = {"registration": world.member.pk, "contact_email": "a@example.org"}
    assert client_for(organizer).post(url, both).status_code == 400
    only_name = {"contact_name": "Rita"}
    response = client_for(organizer).post(url, only_name)
    assert response.status_code == 400
    assert 'id="id_contact_email_error"' in response.text
    assert not StepFollowUp.objects.filter(card=world.nobodys).exists()


def test_a_participant_of_another_edition_is_refused(client_for, world, organizer):
    outsider = RegistrationFactory()  # of another edition
    url = step_url(world, world.nobodys, "steps:step_owner")
    response = client_for(organizer).post(url, {"registration": outsider.pk})
    assert response.status_code == 400
    assert 'id="id_registration_error"' in response.text
    assert not StepFollowUp.objects.filter(card=world.nobodys).exists()


class TestFilters:
    @pytest.fixture
    def overdue(self, world):
        yesterday = timezone.localdate() - timedelta(days=1)
        return step_card(world.circle, text="Längst fällig", due_date=yesterday)

    def texts(self, client, world, query):
        response = client.get(series_url(world, query))
        assert response.status_code == 200
        return response.text

    def test_overdue_shows_only_open_steps_past_their_date(
        self, client_for, world, organizer, overdue
    ):
        done = step_card(
            world.circle, text="Erledigt alt", due_date=overdue.due_date, status="done"
        )
        page = self.texts(client_for(organizer), world, "?overdue=on")
        assert "Längst fällig" in page
        assert done.text not in page
        assert "Antrag stellen" not in page

    def test_by_status(self, client_for, world, organizer):
        step_card(world.circle, text="Schon fertig", status="done")
        page = self.texts(client_for(organizer), world, "?status=done")
        assert "Schon fertig" in page
        assert "Antrag stellen" not in page

    def test_by_circle(self, client_for, world, organizer):
        other = make_circle(world.edition)
        step_card(other, text="Im anderen Kreis")
        page = self.texts(client_for(organizer), world, f"?circle={other.pk}")
        assert "Im anderen Kreis" in page
        assert "Antrag stellen" not in page

    def test_an_invalid_filter_says_so_and_shows_all(self, client_for, world, organizer):
        page = self.texts(client_for(organizer), world, "?status=vielleicht&circle=abc")
        assert 'id="id_status_error"' in page
        assert 'id="id_circle_error"' in page
        assert "Antrag stellen" in page

    def test_the_list_reads_in_a_fixed_number_of_queries(
        self, client_for, world, organizer, django_assert_max_num_queries
    ):
        client = client_for(organizer)
        client.get(series_url(world))  # session, caches
        for n in range(20):
            step_card(make_circle(world.edition), text=f"Schritt {n}")
        with django_assert_max_num_queries(12):
            response = client.get(series_url(world, "?status=open"))
        assert response.text.count("Schritt ") >= 20


def test_a_cancelled_participant_cannot_be_chosen(client_for, world, organizer):
    world.member.status = "cancelled"
    world.member.save()
    url = step_url(world, world.nobodys, "steps:step_owner")
    response = client_for(organizer).post(url, {"registration": world.member.pk})
    assert response.status_code == 400


def test_the_series_page_links_the_steps_of_the_series(client_for, organizer, world):
    page = client_for(organizer).get(reverse("backoffice:series", args=[world.series.slug]))
    assert reverse("steps:series", args=[world.series.slug]) in page.content.decode()


def test_a_contact_needs_a_name(client_for, world, organizer):
    url = step_url(world, world.nobodys, "steps:step_owner")
    response = client_for(organizer).post(url, {"contact_email": "kai@example.org"})
    assert response.status_code == 400
    assert 'id="id_contact_name_error"' in response.text
    assert not StepFollowUp.objects.filter(card=world.nobodys).exists()


def test_a_contacts_name_carries_no_web_address(client_for, world, organizer):
    url = step_url(world, world.nobodys, "steps:step_owner")
    sent = {"contact_name": "http://evil.example", "contact_email": "kai@example.org"}
    response = client_for(organizer).post(url, sent)
    assert response.status_code == 400
    assert 'id="id_contact_name_error"' in response.text
    assert not StepFollowUp.objects.filter(card=world.nobodys).exists()
