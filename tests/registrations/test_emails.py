"""Every participant email: subject, text and HTML, language, personal link; the reminder."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations import emails, services
from klimakreise.registrations.links import registration_from_token
from tests.registrations.factories import ConfirmedRegistrationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def linked_registrations(body):
    """The registrations the personal/confirm links in an email body stand for."""
    return {registration_from_token(t) for t in re.findall(r"/r/([^/\s\"]+)/", body)}


SENDERS = {
    # kind: (sender, part of the subject in German, in English)
    "confirmation_request": (
        emails.send_confirmation_request,
        "Bitte bestätigen Sie Ihre Anmeldung",
        "confirm your registration",
    ),
    "personal_link": (emails.send_personal_link, "Ihre Anmeldung", "Your registration"),
    "registered": (emails.send_registered, "Sie sind angemeldet", "You are registered"),
    "waitlisted": (emails.send_waitlisted, "Warteliste", "waitlist"),
    "moved_up": (emails.send_moved_up, "Platz ist für Sie frei", "seat is free"),
    "cancelled": (emails.send_cancelled, "abgemeldet", "cancelled"),
}


@pytest.mark.parametrize("kind", SENDERS)
@pytest.mark.parametrize("language", ["de", "en"])
def test_each_email_has_subject_text_html_link_and_the_chosen_language(kind, language):
    registration = RegistrationFactory(name="Ada Müller & Co", language=language)
    registration.edition.start = timezone.make_aware(timezone.datetime(2030, 12, 8, 17, 0))
    send, german_subject, english_subject = SENDERS[kind]
    subject_part = german_subject if language == "de" else english_subject

    email = send(registration=registration)

    assert email.to == registration.email
    assert email.language == language
    assert email.edition == registration.edition
    assert subject_part.lower() in email.subject.lower()
    assert registration.edition.title in email.subject
    assert "Ada Müller & Co" in email.text  # plain text is not HTML-escaped
    assert "Ada Müller &amp; Co" in email.html
    for body in (email.text, email.html):
        assert linked_registrations(body) == {registration}
    month = {"de": "Dezember", "en": "Dec"}[language]
    if kind not in ("cancelled",):
        assert month in email.text  # dates are formatted in the person's language


def test_confirmation_request_links_to_the_confirm_page_and_says_when_it_expires(settings):
    settings.KLIMAKREISE_CONFIRMATION_HOURS = 24
    registration = RegistrationFactory(language="en")
    email = emails.send_confirmation_request(registration=registration)
    confirm = re.search(r"http://\S+/r/([^/]+)/confirm/", email.text)
    assert registration_from_token(confirm.group(1)) == registration
    assert "24 hours" in email.text


def test_the_event_summary_shows_the_edition_as_it_is_now_in_each_language():
    # Each process renders the summary once per set of values: a change must show at once.
    registration = RegistrationFactory(language="de")
    edition = registration.edition
    edition.venue = "Rathaus"
    first = emails.send_registered(registration=registration)
    edition.venue, edition.title = "Stadtbibliothek <Saal 2>", "4. Klimakreise"
    edition.series.title = "Klimakreise Nord"
    changed = emails.send_registered(registration=registration)
    registration.language = "en"
    english = emails.send_registered(registration=registration)

    assert "Wo: Rathaus" in first.text and "Wo: Rathaus<br>" in first.html
    assert "Wo: Stadtbibliothek <Saal 2>\n" in changed.text
    assert "Wo: Stadtbibliothek &lt;Saal 2&gt;<br>" in changed.html
    assert "Klimakreise Nord: 4. Klimakreise" in changed.text
    assert "<strong>Klimakreise Nord: 4. Klimakreise</strong>" in changed.html
    assert "Rathaus" not in changed.text + changed.html
    assert "Where: Stadtbibliothek <Saal 2>" in english.text and "Wo:" not in english.text


def test_html_email_escapes_a_script_name():
    registration = RegistrationFactory(name="<script>alert(1)</script>")
    email = emails.send_registered(registration=registration)
    assert "<script>" not in email.html
    assert "&lt;script&gt;" in email.html


def test_reminder_is_queued_for_n_days_before_with_an_ics(settings):
    settings.KLIMAKREISE_REMINDER_DAYS = 3
    registration = ConfirmedRegistrationFactory(
        edition__venue="Rathaus, Alter Markt", edition__online_room_url="https://meet.example.org/k"
    )
    edition = registration.edition

    services.schedule_reminder(registration=registration)
    services.schedule_reminder(registration=registration)  # queued once only

    reminder = OutboxEmail.objects.get(to=registration.email)
    assert reminder.send_after == edition.start - timedelta(days=3)
    assert "https://meet.example.org/k" in reminder.text
    attachment = reminder.attachments.get()
    assert attachment.mimetype == "text/calendar"
    event = Calendar.from_ical(bytes(attachment.content)).walk("VEVENT")[0]
    assert event.decoded("dtstart") == edition.start.replace(microsecond=0)
    assert event.decoded("dtend") == edition.end.replace(microsecond=0)
    assert "Rathaus" in str(event["location"])
    assert "https://meet.example.org/k" in str(event["location"])


def test_reminder_goes_out_right_away_when_registering_late():
    registration = ConfirmedRegistrationFactory(edition__start=timezone.now() + timedelta(hours=5))
    services.schedule_reminder(registration=registration)
    reminder = OutboxEmail.objects.get(to=registration.email)
    assert reminder.send_after <= timezone.now()


def test_no_reminder_for_an_edition_that_began():
    registration = ConfirmedRegistrationFactory(edition__start=timezone.now() - timedelta(hours=1))
    services.schedule_reminder(registration=registration)
    assert not OutboxEmail.objects.exists()


def test_cancelling_withdraws_the_queued_reminder():
    registration = RegistrationFactory()
    services.confirm_registration(registration=registration)
    assert OutboxEmail.objects.filter(key__startswith="registration-reminder:").exists()
    services.cancel_registration(registration=registration)
    assert not OutboxEmail.objects.filter(key__startswith="registration-reminder:").exists()


@pytest.mark.parametrize("language", ["de", "en"])
def test_confirmation_request_uses_the_email_layout_without_the_personal_link(language):
    registration = RegistrationFactory(name="Ada Müller", language=language)
    email = emails.send_confirmation_request(registration=registration)
    greeting, regards, confirm = {
        "de": ("Guten Tag Ada Müller,", "Mit freundlichen Grüßen", "Anmeldung bestätigen"),
        "en": ("Hello Ada Müller,", "Kind regards", "Confirm my registration"),
    }[language]
    assert f'<html lang="{language}">' in email.html
    for part in (greeting, regards, confirm):
        assert part in email.html
    assert greeting in email.text and regards in email.text
    assert "/confirm/" in email.html and "/confirm/" in email.text
    personal = {"de": "Ihr persönlicher Link", "en": "Your personal link"}[language]
    assert personal not in email.html and personal not in email.text


@pytest.mark.parametrize("language", ["de", "en"])
def test_confirmation_request_says_when_it_expires_in_singular_and_plural(settings, language):
    texts = {}
    for hours in (1, 48):
        settings.KLIMAKREISE_CONFIRMATION_HOURS = hours
        registration = RegistrationFactory(language=language)
        texts[hours] = emails.send_confirmation_request(registration=registration).text
    one, many = {"de": ("nach 1 Stunde gelöscht", "nach 48 Stunden gelöscht"),
                 "en": ("after 1 hour.", "after 48 hours.")}[language]  # fmt: skip
    assert one in texts[1] and many in texts[48]
