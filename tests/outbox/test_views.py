import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klimakreise.editions.navigation import ORGANIZER_TOOLS
from klimakreise.outbox.models import OutboxEmail
from klimakreise.outbox.views import PAGE_SIZE

from .factories import OutboxEmailFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "stranger", "other_organizer", "organizer", "superuser"]


def persona_client(request, client_for, persona):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    return client_for(user)


@pytest.fixture
def failed_email(edition):
    return OutboxEmailFactory(
        edition=edition, status="failed", attempts=6, last_error="SMTPRecipientsRefused: 550"
    )


def outbox_url(edition, query=""):
    return reverse("outbox:edition", kwargs={"slug": edition.slug}) + query


def retry_url(email):
    return reverse("outbox:retry", kwargs={"slug": email.edition.slug, "pk": email.pk})


@pytest.mark.parametrize(
    ("persona", "expected", "retried"),
    [
        ("anonymous", 302, False),
        ("stranger", 404, False),
        ("other_organizer", 404, False),
        ("organizer", 302, True),
        ("superuser", 302, True),
    ],
)
def test_retry_permissions(request, client_for, failed_email, persona, expected, retried):
    response = persona_client(request, client_for, persona).post(retry_url(failed_email))

    assert response.status_code == expected
    failed_email.refresh_from_db()
    assert (failed_email.status == OutboxEmail.Status.QUEUED) is retried


def test_missing_edition_is_404(client_for, organizer):
    response = client_for(organizer).get("/manage/e/no-such-edition/outbox/")

    assert response.status_code == 404


def test_page_lists_emails_and_highlights_failures(client_for, organizer, edition, failed_email):
    OutboxEmailFactory(
        edition=edition, subject="Angekommen", status="sent", sent_at=failed_email.created_at
    )
    OutboxEmailFactory(subject="Andere Ausgabe")

    html = client_for(organizer).get(outbox_url(edition)).content.decode()

    assert 'class="outbox-failed"' in html
    assert "SMTPRecipientsRefused: 550" in html
    assert "Angekommen" in html
    assert "Andere Ausgabe" not in html
    assert reverse("outbox:retry", kwargs={"slug": edition.slug, "pk": failed_email.pk}) in html


def test_status_filter_shows_only_that_status(client_for, organizer, edition, failed_email):
    OutboxEmailFactory(edition=edition, subject="Noch in der Warteschlange")

    html = client_for(organizer).get(outbox_url(edition, "?status=failed")).content.decode()

    assert failed_email.subject in html
    assert "Noch in der Warteschlange" not in html


def test_unknown_status_filter_is_explained_and_shows_everything(client_for, organizer, edition):
    OutboxEmailFactory(edition=edition, subject="Sichtbar")

    response = client_for(organizer).get(outbox_url(edition, "?status=bogus"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_status_error"' in html
    assert "Sichtbar" in html


def test_retry_of_an_email_that_is_not_failed_changes_nothing(client_for, organizer, edition):
    sent = OutboxEmailFactory(edition=edition, status="sent", sent_at=edition.start, attempts=1)

    response = client_for(organizer).post(retry_url(sent), follow=True)

    assert "Only failed emails can be retried." in response.content.decode()
    sent.refresh_from_db()
    assert (sent.status, sent.attempts) == ("sent", 1)


def test_retry_queues_with_fresh_attempts(client_for, organizer, failed_email):
    client_for(organizer).post(retry_url(failed_email))

    failed_email.refresh_from_db()
    assert (failed_email.status, failed_email.attempts) == ("queued", 0)


def test_retry_of_another_editions_email_is_404(client_for, organizer, edition):
    elsewhere = OutboxEmailFactory(status="failed")
    url = reverse("outbox:retry", kwargs={"slug": edition.slug, "pk": elsewhere.pk})

    response = client_for(organizer).post(url)

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == "failed"


def test_retry_needs_post(client_for, organizer, failed_email):
    assert client_for(organizer).get(retry_url(failed_email)).status_code == 405


def test_query_count_does_not_grow_with_the_number_of_emails(client_for, organizer, edition):
    client = client_for(organizer)
    OutboxEmailFactory.create_batch(2, edition=edition, status="failed")
    with CaptureQueriesContext(connection) as few:
        client.get(outbox_url(edition))
    OutboxEmailFactory.create_batch(40, edition=edition, status="failed")
    with CaptureQueriesContext(connection) as many:
        response = client.get(outbox_url(edition))

    assert response.content.decode().count('class="outbox-failed"') == 42
    assert len(many) == len(few) <= 10  # session, user, edition, access, counts, rows, …


def test_outbox_is_an_organizer_tool(edition):
    assert "outbox:edition" in [link.url_name for link in ORGANIZER_TOOLS]


def test_long_outbox_is_paged_and_keeps_the_filter(client_for, organizer, edition):
    OutboxEmailFactory.create_batch(PAGE_SIZE + 1, edition=edition, status="failed")

    first = client_for(organizer).get(outbox_url(edition, "?status=failed")).content.decode()
    second = client_for(organizer).get(outbox_url(edition, "?status=failed&page=2"))

    assert first.count('class="outbox-failed"') == PAGE_SIZE
    assert "?status=failed&amp;page=2" in first
    assert second.content.decode().count('class="outbox-failed"') == 1
