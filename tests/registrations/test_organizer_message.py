# ruff: noqa: F811 (the shared fixtures are imported, then requested as parameters)
"""Messages to all or filtered registrants: preview with the count, one outbox row per person."""

import pytest

from klimakreise.outbox.models import OutboxEmail
from tests.registrations.organizer_factories import english, event, people, url  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MESSAGE_ID = "0123456789abcdef0123456789abcdef"


def message(**change):
    return {
        "subject": "Neuigkeiten für {name}",
        "body": "Hallo {name},\nhier ist Ihr Link: {personal_link}\n<b>bis bald</b>",
        "message_id": MESSAGE_ID,
        "action": "send",
        **change,
    }


def test_compose_shows_the_number_of_recipients(client_for, organizer, event, people):
    response = client_for(organizer).get(url("message", event), {"role": "moderate"})

    assert [r.name for r in response.context["recipients"]] == ["Ada"]
    assert "To 1 person, one email each." in response.content.decode()
    assert len(response.context["form"]["message_id"].value()) == 32


def test_preview_shows_one_personal_example_without_sending(client_for, organizer, event, people):
    response = client_for(organizer).post(url("message", event), message(action="preview"))

    preview = response.context["preview"]
    assert preview["subject"] == f"Neuigkeiten für {preview['to'].name}"
    assert "[personal link of" in preview["body"]
    assert "Send to 3 people" in response.content.decode()
    assert not OutboxEmail.objects.exists()


def test_send_queues_one_email_per_recipient_with_a_personal_link(
    client_for, organizer, event, people
):
    response = client_for(organizer).post(url("message", event), message())

    assert response.status_code == 302
    emails = {e.to: e for e in OutboxEmail.objects.all()}
    assert sorted(emails) == ["ada@example.org", "ben@example.org", "cem@example.org"]
    ada = emails["ada@example.org"]
    assert ada.subject == "Neuigkeiten für Ada"
    assert "Hallo Ada," in ada.text and "/r/" in ada.text
    assert "<b>bis bald</b>" in ada.text  # plain text stays as written …
    assert "&lt;b&gt;bis bald&lt;/b&gt;" in ada.html  # … and is escaped in HTML
    assert emails["ben@example.org"].text.count("/r/") == 1
    assert ada.edition_id == event.pk


def test_double_submit_queues_nothing_more(client_for, organizer, event, people):
    client = client_for(organizer)
    client.post(url("message", event), message())

    again = client.post(url("message", event), message(), follow=True)

    assert OutboxEmail.objects.count() == 3
    assert "This message was sent already" in again.content.decode()


def test_a_new_message_goes_out_again(client_for, organizer, event, people):
    client = client_for(organizer)
    client.post(url("message", event), message())

    client.post(url("message", event), message(message_id="f" * 32))

    assert OutboxEmail.objects.count() == 6


def test_filter_selects_the_recipients(client_for, organizer, event, people):
    target = url("message", event) + "?status=cancelled"

    client_for(organizer).post(target, message())

    assert list(OutboxEmail.objects.values_list("to", flat=True)) == ["dana@example.org"]


@pytest.mark.parametrize(
    ("change", "field"),
    [({"subject": ""}, "subject"), ({"body": ""}, "body"), ({"message_id": "x"}, "message_id")],
)
def test_bad_input_sends_nothing(client_for, organizer, event, people, change, field):
    response = client_for(organizer).post(url("message", event), message(**change))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not OutboxEmail.objects.exists()


def test_nobody_to_write_to(client_for, organizer, event):
    response = client_for(organizer).post(url("message", event), message())

    assert response.status_code == 200
    assert "no one to write to" in response.content.decode()
    assert not OutboxEmail.objects.exists()
