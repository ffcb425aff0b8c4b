"""The whole participant flow through the services: register → confirm → change → cancel."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from klimakreise.circles.models import CircleMember
from klimakreise.editions.models import Edition
from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations import services
from klimakreise.registrations.links import make_token, registration_from_token
from klimakreise.registrations.models import Preference, Registration
from tests.factories import CircleFactory
from tests.registrations.factories import (
    ConfirmedRegistrationFactory,
    RegistrationFactory,
    WaitlistedRegistrationFactory,
    wish,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status


def data_for(edition, email="ada@example.org", *slugs, **extra):
    topics = {t.slug: t for t in edition.topics.all()}
    return services.RegistrationData(
        name=extra.pop("name", "Ada"),
        email=email,
        sector=edition.series.sectors.first(),
        topics=[topics[s] for s in slugs or ("energie",)],
        consent_privacy=True,
        **{"language": "en", **extra},
    )


def subjects(email):
    return [m.subject for m in OutboxEmail.objects.filter(to=email).order_by("id")]


def test_register_confirm_change_cancel_and_the_waitlist_moves_up(open_edition):
    open_edition.capacity = 1
    open_edition.save()
    ada, created = services.register(edition=open_edition, data=data_for(open_edition))
    bob, _ = services.register(edition=open_edition, data=data_for(open_edition, "bob@example.org"))
    assert created and ada.status == Status.PENDING

    assert services.confirm_registration(registration=ada).status == Status.REGISTERED
    assert services.confirm_registration(registration=bob).status == Status.WAITLISTED

    topics = list(open_edition.topics.order_by("-slug"))
    services.change_preferences(registration=ada, topics=topics[:2])
    assert [p.topic for p in ada.preferences.order_by("rank")] == topics[:2]

    services.cancel_registration(registration=ada)
    ada.refresh_from_db()
    bob.refresh_from_db()
    assert ada.status == Status.CANCELLED and ada.cancelled_at
    assert bob.status == Status.REGISTERED
    assert len(subjects("bob@example.org")) == 4  # confirm request, waitlisted, moved up, reminder
    assert any("seat is free" in s for s in subjects("bob@example.org"))
    assert any("cancelled" in s for s in subjects("ada@example.org"))


def test_confirming_twice_changes_nothing_the_second_time(open_edition):
    ada, _ = services.register(edition=open_edition, data=data_for(open_edition))
    first = services.confirm_registration(registration=ada)
    count = OutboxEmail.objects.count()
    second = services.confirm_registration(registration=ada)
    assert second.confirmed_at == first.confirmed_at
    assert OutboxEmail.objects.count() == count


def test_without_capacity_everyone_is_registered(open_edition):
    open_edition.capacity = None
    open_edition.save()
    for i in range(3):
        reg, _ = services.register(edition=open_edition, data=data_for(open_edition, f"p{i}@x.org"))
        assert services.confirm_registration(registration=reg).status == Status.REGISTERED


def test_registering_while_closed_raises_and_stores_nothing(open_edition):
    open_edition.status = Edition.Status.REGISTRATION_CLOSED
    open_edition.save()
    with pytest.raises(services.RegistrationClosed):
        services.register(edition=open_edition, data=data_for(open_edition))
    assert not Registration.objects.exists()


def test_organizers_may_register_people_while_closed_without_a_confirmation_mail(open_edition):
    open_edition.status = Edition.Status.REGISTRATION_CLOSED
    open_edition.save()
    reg, created = services.register(
        edition=open_edition,
        data=data_for(open_edition),
        source=Registration.Source.IMPORT,
        send_confirmation=False,
    )
    assert created and reg.source == "import"
    assert not OutboxEmail.objects.exists()


def test_same_email_again_keeps_the_first_data_and_resends_the_link(open_edition):
    first, _ = services.register(edition=open_edition, data=data_for(open_edition, name="Ada"))
    again, created = services.register(
        edition=open_edition, data=data_for(open_edition, "ADA@example.org ", name="Eve")
    )
    assert not created and again.pk == first.pk
    again.refresh_from_db()
    assert again.name == "Ada"
    assert len(subjects("ada@example.org")) == 2


def test_same_email_of_a_confirmed_registration_gets_the_personal_link(open_edition):
    reg, _ = services.register(edition=open_edition, data=data_for(open_edition))
    services.confirm_registration(registration=reg)
    services.register(edition=open_edition, data=data_for(open_edition))
    last = OutboxEmail.objects.filter(to="ada@example.org").order_by("-id").first()
    assert "already registered" in last.text


def test_registering_again_after_cancelling_starts_over_and_revokes_old_links(open_edition):
    reg, _ = services.register(edition=open_edition, data=data_for(open_edition))
    services.confirm_registration(registration=reg)
    old_token = make_token(reg)
    services.cancel_registration(registration=reg)

    again, created = services.register(
        edition=open_edition, data=data_for(open_edition, "ada@example.org", "gruen", name="A. B.")
    )
    assert created and again.pk == reg.pk
    assert again.status == Status.PENDING and again.name == "A. B."
    assert [p.topic.slug for p in again.preferences.all()] == ["gruen"]
    assert registration_from_token(old_token) is None


def test_wishes_cannot_change_once_the_assignment_is_locked(open_edition):
    reg = ConfirmedRegistrationFactory(edition=open_edition)
    wish(reg, "energie")
    circle = CircleFactory(topic=open_edition.topics.first())
    CircleMember.objects.create(circle=circle, registration=reg)
    with pytest.raises(services.AssignmentLocked):
        services.change_preferences(registration=reg, topics=list(open_edition.topics.all()))
    assert [p.topic.slug for p in reg.preferences.all()] == ["energie"]


@pytest.mark.parametrize("case", ["empty", "duplicate", "too_many", "foreign"])
def test_invalid_wishes_are_refused_and_change_nothing(open_edition, case):
    reg = ConfirmedRegistrationFactory(edition=open_edition)
    wish(reg, "energie")
    topics = list(open_edition.topics.all())
    other = RegistrationFactory().edition.topics.first()
    chosen = {
        "empty": [],
        "duplicate": [topics[0], topics[0]],
        "too_many": topics + topics[:1],
        "foreign": [other],
    }[case]
    with pytest.raises(ValidationError) as error:
        services.change_preferences(registration=reg, topics=chosen)
    assert "preferences" in error.value.message_dict
    assert [p.topic.slug for p in reg.preferences.all()] == ["energie"]


def test_expire_unconfirmed_deletes_only_old_pending_registrations(open_edition, settings):
    settings.KLIMAKREISE_CONFIRMATION_HOURS = 48
    now = timezone.now()
    old = RegistrationFactory(edition=open_edition, created_at=now - timedelta(hours=49))
    wish(old, "energie")
    fresh = RegistrationFactory(edition=open_edition, created_at=now - timedelta(hours=47))
    confirmed = ConfirmedRegistrationFactory(
        edition=open_edition, created_at=now - timedelta(days=10)
    )
    assert services.expire_unconfirmed(now=now) == 1
    assert set(Registration.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not Preference.objects.filter(registration_id=old.pk).exists()


def test_delete_erases_the_row_wishes_and_emails_and_frees_the_seat(open_edition):
    open_edition.capacity = 1
    open_edition.save()
    ada, _ = services.register(edition=open_edition, data=data_for(open_edition))
    services.confirm_registration(registration=ada)
    bob = WaitlistedRegistrationFactory(edition=open_edition)

    services.delete_registration(registration=ada)

    assert not Registration.objects.filter(pk=ada.pk).exists()
    assert not Preference.objects.filter(registration_id=ada.pk).exists()
    assert not OutboxEmail.objects.filter(to="ada@example.org").exists()
    bob.refresh_from_db()
    assert bob.status == Status.REGISTERED


def test_raising_the_capacity_promotes_in_order_of_confirmation(open_edition):
    open_edition.capacity = 0
    open_edition.save()
    later = WaitlistedRegistrationFactory(
        edition=open_edition, confirmed_at=timezone.now() - timedelta(minutes=1)
    )
    earlier = WaitlistedRegistrationFactory(
        edition=open_edition, confirmed_at=timezone.now() - timedelta(minutes=5)
    )
    open_edition.capacity = 1
    open_edition.save()
    assert services.promote_from_waitlist(edition=open_edition) == [earlier]
    later.refresh_from_db()
    assert later.status == Status.WAITLISTED


def test_export_contains_everything_stored_about_the_person(open_edition):
    reg, _ = services.register(
        edition=open_edition,
        data=data_for(open_edition, "ada@example.org", "gruen", "energie", newsletter=True),
    )
    data = services.export_registration_data(registration=reg)
    assert data["email"] == "ada@example.org"
    assert data["preferences"] == ["gruen", "energie"]
    assert data["newsletter"] is True
    assert data["edition"]["slug"] == "klimakreise-3"
    assert data["privacy_notice_version"] == "2026-01"
    assert data["circle"] is None
