# ruff: noqa: F811 (the shared fixtures are imported, then requested as parameters)
"""Registrations added and edited by hand; check-in during the event."""

import pytest

from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations.models import Registration
from klimakreise.registrations.organizer.services import CONSENT_BY_ORGANIZER, edit_fingerprint
from tests.registrations.factories import ConfirmedRegistrationFactory
from tests.registrations.organizer_factories import english, event, people, url  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def form():
    return {
        "name": "Eva Neu",
        "email": "Eva@Example.org",
        "organization": "Radentscheid",
        "sector": "zivilgesellschaft",
        "rank_1": "gruen",
        "rank_2": "energie",
        "can_moderate": "on",
        "language": "en",
        "emails": "none",
    }


def templates_sent_to(address):
    return [email.key or email.subject for email in OutboxEmail.objects.filter(to=address)]


def test_added_registration_is_confirmed_directly_without_opt_in(
    client_for, organizer, event, form
):
    response = client_for(organizer).post(url("add", event), form)

    assert response.status_code == 302
    eva = Registration.objects.get(email="eva@example.org")
    assert eva.status == Registration.Status.REGISTERED
    assert eva.source == Registration.Source.ORGANIZER
    assert eva.privacy_notice_version == CONSENT_BY_ORGANIZER
    assert eva.consent_privacy_at is not None
    assert [w.topic.slug for w in eva.preferences.order_by("rank")] == ["gruen", "energie"]
    # Nothing goes out now; only the reminder before the event waits in the outbox.
    assert [e.key for e in OutboxEmail.objects.all()] == [f"registration-reminder:{eva.pk}:1"]


def test_added_registration_can_ask_for_double_opt_in(client_for, organizer, event, form):
    form["emails"] = "confirm"

    client_for(organizer).post(url("add", event), form)

    eva = Registration.objects.get(email="eva@example.org")
    assert eva.status == Registration.Status.PENDING
    (request,) = OutboxEmail.objects.filter(to="eva@example.org")
    assert "/confirm/" in request.text
    assert request.language == "en"


def test_added_registration_can_be_told_it_is_registered(client_for, organizer, event, form):
    form["emails"] = "notify"

    client_for(organizer).post(url("add", event), form)

    emails = OutboxEmail.objects.filter(to="eva@example.org", send_after__isnull=True)
    assert emails.count() == 1
    assert "/confirm/" not in emails.get().text


def test_added_registration_is_waitlisted_when_full(client_for, organizer, event, form):
    event.capacity = 1
    event.save()
    ConfirmedRegistrationFactory(edition=event)

    client_for(organizer).post(url("add", event), form)

    assert Registration.objects.get(email="eva@example.org").status == "waitlisted"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "ada@example.org"}, "email"),  # already registered
        ({"sector": "mars"}, "sector"),
        ({"rank_1": ""}, "rank_1"),
        ({"rank_2": "gruen"}, "rank_2"),  # the same topic twice
        ({"rank_1": "unknown-topic"}, "rank_1"),
        ({"emails": "everyone"}, "emails"),
    ],
)
def test_bad_input_names_the_field_and_adds_nothing(
    client_for, organizer, event, people, form, change, field
):
    before = Registration.objects.count()

    response = client_for(organizer).post(url("add", event), {**form, **change})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert Registration.objects.count() == before
    assert not OutboxEmail.objects.exists()


def _edit_data(registration, **change):
    data = {
        "name": registration.name,
        "email": registration.email,
        "organization": registration.organization_name,
        "sector": registration.sector.slug,
        "language": registration.language,
        "fingerprint": edit_fingerprint(registration),
    }
    for rank, wish in enumerate(registration.preferences.order_by("rank"), start=1):
        data[f"rank_{rank}"] = wish.topic.slug
    return {**data, **change}


def test_edit_saves_changes_and_wishes(client_for, organizer, event, people):
    ada = people["ada"]
    data = _edit_data(ada, name="Ada L.", rank_1="gruen", rank_2="energie", rank_3="")

    response = client_for(organizer).post(url("edit", event, pk=ada.pk), data)

    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.name == "Ada L."
    assert not ada.can_moderate  # unticked in the form
    assert [w.topic.slug for w in ada.preferences.order_by("rank")] == ["gruen", "energie"]


def test_edit_form_shows_the_current_data(client_for, organizer, event, people):
    response = client_for(organizer).get(url("edit", event, pk=people["ada"].pk))

    form = response.context["form"]
    assert form.initial["rank_2"] == "mobilitaet"
    assert form.initial["sector"] == "verwaltung"


def test_concurrent_edit_is_not_overwritten(client_for, organizer, event, people):
    ada = people["ada"]
    stale = _edit_data(ada, name="Mine")
    Registration.objects.filter(pk=ada.pk).update(name="Theirs")

    response = client_for(organizer).post(url("edit", event, pk=ada.pk), stale)

    assert response.status_code == 200
    assert "changed this registration meanwhile" in response.content.decode()
    ada.refresh_from_db()
    assert ada.name == "Theirs"
    assert response.context["form"].initial["name"] == "Theirs"


def test_edit_refuses_another_registrations_email(client_for, organizer, event, people):
    ada = people["ada"]

    response = client_for(organizer).post(
        url("edit", event, pk=ada.pk), _edit_data(ada, email="BEN@example.org")
    )

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    ada.refresh_from_db()
    assert ada.email == "ada@example.org"


def test_cancel_moves_the_first_waitlisted_up(client_for, organizer, event, people):
    event.capacity = 2
    event.save()

    client_for(organizer).post(url("cancel", event, pk=people["ada"].pk))

    people["ada"].refresh_from_db()
    people["cem"].refresh_from_db()
    assert people["ada"].status == "cancelled"
    assert people["cem"].status == "registered"


@pytest.mark.parametrize("sent", [{}, {"checked_in": ""}, {"checked_in": "ja"}])
def test_a_check_in_without_a_clear_choice_is_refused_and_changes_nothing(
    client_for, organizer, event, people, sent
):
    ben = people["ben"]
    client = client_for(organizer)
    client.post(url("set_checkin", event, pk=ben.pk), {"checked_in": "1"})
    ben.refresh_from_db()
    checked_in_at = ben.checked_in_at
    response = client.post(url("set_checkin", event, pk=ben.pk), sent)
    assert response.status_code == 400
    ben.refresh_from_db()
    assert ben.checked_in_at == checked_in_at is not None


def test_check_in_and_undo(client_for, organizer, event, people):
    client = client_for(organizer)
    ben = people["ben"]
    target = url("set_checkin", event, pk=ben.pk)

    response = client.post(target, {"checked_in": "1", "query": "q=Ben"})
    ben.refresh_from_db()
    first = ben.checked_in_at
    assert first is not None
    assert response["Location"].endswith(f"?q=Ben#person-{ben.pk}")

    client.post(target, {"checked_in": "1"})  # a double click keeps the first time
    ben.refresh_from_db()
    assert ben.checked_in_at == first

    page = client.get(url("checkin", event)).content.decode()
    assert "1 checked in, 2 registered." in page

    client.post(target, {"checked_in": "0"})
    ben.refresh_from_db()
    assert ben.checked_in_at is None


def test_attendance_list_shows_confirmed_people_with_buttons(client_for, organizer, event, people):
    response = client_for(organizer).get(url("checkin", event))

    assert sorted(p.name for p in response.context["people"]) == ["Ada", "Ben", "Cem"]
    html = response.content.decode()
    assert html.count('name="checked_in" value="1"') == 3


def test_cancelled_people_cannot_be_checked_in(client_for, organizer, event, people):
    response = client_for(organizer).post(
        url("set_checkin", event, pk=people["dana"].pk), {"checked_in": "1"}
    )

    assert response.status_code == 404
    people["dana"].refresh_from_db()
    assert people["dana"].checked_in_at is None


def test_a_new_address_erases_the_emails_and_links_sent_to_the_old_one(
    client_for, organizer, event, people
):
    from klimakreise.registrations.emails import send_personal_link
    from klimakreise.registrations.links import make_token, registration_from_token

    ada = people["ada"]
    send_personal_link(registration=ada)
    old_link = make_token(ada)
    assert OutboxEmail.objects.filter(to="ada@example.org").exists()

    response = client_for(organizer).post(
        url("edit", event, pk=ada.pk), _edit_data(ada, email="ada.neu@example.org")
    )

    assert response.status_code == 302
    assert not OutboxEmail.objects.filter(to="ada@example.org").exists()
    assert registration_from_token(old_link) is None
    ada.refresh_from_db()
    assert registration_from_token(make_token(ada)) == ada


def test_a_new_address_gets_the_reminder_the_old_one_had(client_for, organizer, event, people):
    from klimakreise.registrations.services import schedule_reminder

    ada = people["ada"]
    assert ada.status == ada.Status.REGISTERED
    schedule_reminder(registration=ada)
    before = OutboxEmail.objects.get(to="ada@example.org")

    client_for(organizer).post(
        url("edit", event, pk=ada.pk), _edit_data(ada, email="ada.neu@example.org")
    )

    reminder = OutboxEmail.objects.get(to="ada.neu@example.org")
    assert reminder.send_after == before.send_after and reminder.subject == before.subject
    assert not OutboxEmail.objects.filter(to="ada@example.org").exists()
