"""Writes to date polls. Every function runs in one transaction; the poll's row is locked first,
so answers, new dates and the pick of a date happen one after the other."""

from datetime import datetime

from django.conf import settings
from django.db import DataError, transaction
from django.db.models import Max
from django.utils import timezone

from klimakreise.editions.models import Edition
from klimakreise.editions.services import clone_edition
from klimakreise.polls import emails
from klimakreise.polls.models import MAX_OPTIONS, DatePoll, PollOption, Vote, Voter
from klimakreise.registrations.models import Registration


class PollClosed(Exception):
    """The poll is closed: a date was picked, nothing may change any more."""


class TooManyOptions(Exception):
    pass


class OptionHasAnswers(Exception):
    pass


class CannotCreateEdition(Exception):
    """The picked date cannot carry the edition over (its agenda would be shifted out of the
    calendar's range); nothing changed."""


def _locked(poll: DatePoll) -> DatePoll:
    return DatePoll.objects.select_for_update().select_related("edition__series").get(pk=poll.pk)


def _locked_open(poll: DatePoll) -> DatePoll:
    locked = _locked(poll)
    if not locked.is_open:
        raise PollClosed
    return locked


@transaction.atomic
def create_poll(*, edition: Edition, title: str, message: str = "") -> DatePoll:
    return DatePoll.objects.create(edition=edition, title=title, message=message)


@transaction.atomic
def add_option(*, poll: DatePoll, start: datetime, end: datetime) -> PollOption:
    locked = _locked_open(poll)
    if locked.options.count() >= MAX_OPTIONS:
        raise TooManyOptions
    return PollOption.objects.create(poll=locked, start=start, end=end)


@transaction.atomic
def remove_option(*, option: PollOption) -> None:
    """Only a date nobody answered yet: removing it would silently drop their answers."""
    _locked_open(option.poll)
    if option.votes.exists():
        raise OptionHasAnswers
    option.delete()


@transaction.atomic
def invite_people(*, poll: DatePoll) -> int:
    """Ask the edition's participants (registered, not anonymized) and the series' team, each
    person once: a team member who also registered is asked as one voter. Returns how many
    invitations were queued now (people asked before are not asked again)."""
    locked = _locked_open(poll)
    voters = {v.email.lower(): v for v in locked.voters.exclude(email="")}
    for registration in _participants(locked.edition):
        if registration.email.lower() not in voters:
            voters[registration.email.lower()] = Voter.objects.create(
                poll=locked,
                name=registration.name,
                email=registration.email,
                registration=registration,
                language=registration.language,
            )
    for user in locked.edition.series.organizers.filter(is_active=True):
        if user.email.lower() not in voters:
            voters[user.email.lower()] = Voter.objects.create(
                poll=locked,
                name=user.name or user.email,
                email=user.email,
                user=user,
                language=settings.LANGUAGE_CODE,
            )
    options = list(locked.options.all())
    invited = [v for v in voters.values() if v.invited_at is None and v.answered_at is None]
    for voter in invited:
        voter.poll = locked
        emails.send_poll_invitation(voter=voter, options=options)
    Voter.objects.filter(pk__in=[v.pk for v in invited]).update(invited_at=timezone.now())
    return len(invited)


def _participants(edition: Edition):
    return (
        edition.registrations.filter(
            status=Registration.Status.REGISTERED, anonymized_at__isnull=True
        )
        .exclude(email="")
        .order_by("pk")
    )


@transaction.atomic
def answer_poll(*, voter: Voter, answers: dict[int, str], comment: str) -> Voter:
    """Store the voter's answers (option id → Vote.Answer) and comment, replacing earlier ones."""
    locked = _locked_open(voter.poll)
    option_ids = set(locked.options.values_list("pk", flat=True))
    Vote.objects.filter(voter=voter).delete()
    Vote.objects.bulk_create(
        Vote(voter=voter, option_id=pk, answer=Vote.Answer(answer))
        for pk, answer in answers.items()
        if pk in option_ids
    )
    voter.comment = comment
    voter.answered_at = timezone.now()
    voter.save(update_fields=["comment", "answered_at"])
    return voter


@transaction.atomic
def join_poll(
    *, poll: DatePoll, name: str, email: str, language: str, answers: dict, comment: str
) -> Voter | None:
    """Someone with the shared link answers: a voter of their own, with their own link (sent by
    email when they gave an address). An address that already has a voter in this poll gets no
    second voter and no second email (returns None): otherwise anyone could make the site mail
    any address again and again. The caller answers the same either way, so nobody learns
    whether the address was used."""
    locked = _locked_open(poll)
    if email and locked.voters.filter(email__iexact=email).exists():
        return None
    voter = Voter.objects.create(poll=locked, name=name, email=email, language=language)
    answer_poll(voter=voter, answers=answers, comment=comment)
    if email:
        emails.send_voter_link(voter=voter)
    return voter


@transaction.atomic
def pick_option(*, option: PollOption) -> Edition:
    """Close the poll on `option`: the edition is cloned as a draft on that date, and everyone
    who answered and gave an address is told, with an .ics of the new date."""
    poll = _locked_open(option.poll)
    edition = poll.edition
    number = (edition.series.editions.aggregate(n=Max("number"))["n"] or 0) + 1
    try:
        new_edition = clone_edition(
            edition=edition,
            number=number,
            title=_next_title(edition, number),
            slug=_free_slug(f"{edition.series.slug}-{number}"),
            start=option.start,
            end=option.end,
        )
    except (OverflowError, DataError) as error:
        # Leaving the block with the exception rolls the whole pick back.
        raise CannotCreateEdition from error
    _close(poll, option=option, new_edition=new_edition)
    for voter in poll.voters.filter(answered_at__isnull=False).exclude(email=""):
        voter.poll = poll
        emails.send_date_picked(voter=voter, new_edition=new_edition)
    return new_edition


def _close(poll: DatePoll, *, option: PollOption, new_edition: Edition) -> None:
    poll.status = DatePoll.Status.CLOSED
    poll.picked_option = option
    poll.created_edition = new_edition
    poll.closed_at = timezone.now()
    poll.save(update_fields=["status", "picked_option", "created_edition", "closed_at"])


def _next_title(edition: Edition, number: int) -> str:
    # "2. Klimakreise" becomes "3. Klimakreise"; a title without its number gets it added.
    prefix = f"{edition.number}. "
    if edition.title.startswith(prefix):
        return f"{number}. {edition.title.removeprefix(prefix)}"
    return f"{edition.title} ({number})"[:200]


def _free_slug(base: str) -> str:
    slug, suffix = base[:70], 2
    while Edition.objects.filter(slug=slug).exists():
        slug, suffix = f"{base[:70]}-{suffix}", suffix + 1
    return slug
