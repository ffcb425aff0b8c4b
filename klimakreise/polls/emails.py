"""One function per email of a date poll, each with subject, text and HTML templates under
polls/email/, queued in the outbox; keys make sending again harmless."""

import hashlib

from django.conf import settings

from klimakreise.editions.calendar import ICS_MIMETYPE, edition_ics, ics_filename
from klimakreise.outbox.services import send_templated_email
from klimakreise.polls.links import voter_url


def _context(voter, **extra) -> dict:
    poll = voter.poll
    return {
        "voter": voter,
        # A name typed at the shared link is anyone's text (it could carry a link or an
        # advertisement into someone else's inbox): greet by name only people the site knows.
        "greeting_name": voter.name if voter.registration_id or voter.user_id else "",
        "poll": poll,
        "edition": poll.edition,
        "series": poll.edition.series,
        "time_zone": poll.edition.series.time_zone,
        "voter_url": voter_url(voter),
        **extra,
    }


def send_poll_invitation(*, voter, options):
    """Ask an invited person (participant or team member) to answer the poll."""
    return send_templated_email(
        to=voter.email,
        template="polls/email/invitation",
        context=_context(voter, options=options),
        language=voter.language,
        key=f"polls:invitation:{voter.poll_id}:{voter.pk}",
        edition=voter.poll.edition,
    )


def voter_link_key(*, poll_id: int, email: str) -> str:
    """One link email per address and poll, however often the shared link is sent with it (a
    hash, so the key does not repeat the address)."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"polls:voter-link:{poll_id}:{digest}"


def send_voter_link(*, voter):
    """Give someone who answered through the shared link their own link to change answers."""
    return send_templated_email(
        to=voter.email,
        template="polls/email/voter_link",
        context=_context(voter),
        language=voter.language,
        key=voter_link_key(poll_id=voter.poll_id, email=voter.email),
        edition=voter.poll.edition,
    )


def send_date_picked(*, voter, new_edition):
    """Tell someone who answered the date the organizers picked, with an .ics of it. The new
    edition is a draft, so both link to the series' page, not to its own."""
    series_url = settings.SITE_URL + new_edition.series.get_absolute_url()
    ics = edition_ics(new_edition, page_url=series_url)
    return send_templated_email(
        to=voter.email,
        template="polls/email/date_picked",
        context=_context(voter, new_edition=new_edition, series_url=series_url),
        language=voter.language,
        attachments=[(ics_filename(new_edition), ics, ICS_MIMETYPE)],
        key=f"polls:picked:{voter.poll_id}:{voter.pk}",
        edition=voter.poll.edition,
    )
