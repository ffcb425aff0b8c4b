"""Dot-voting on ideas. Dots are stored under an opaque voter key and never recorded by name."""

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimakreise.boards.models import Card, CardChange, Dot, DotVote
from klimakreise.boards.services.errors import BoardError
from klimakreise.boards.services.history import record_change

MAX_DOTS_PER_PERSON = 20


@transaction.atomic
def open_vote(*, circle, dots_per_person, actor) -> DotVote:
    if not 1 <= dots_per_person <= MAX_DOTS_PER_PERSON:
        raise BoardError(
            _("Dots per person: choose a number from 1 to %(max)s.") % {"max": MAX_DOTS_PER_PERSON}
        )
    try:
        with transaction.atomic():
            vote = DotVote.objects.create(circle=circle, dots_per_person=dots_per_person)
    except IntegrityError as already_open:
        raise BoardError(_("A vote is already open on this board.")) from already_open
    record_change(
        circle_id=circle.pk,
        action=CardChange.Action.VOTE_OPENED,
        actor=actor,
        after={"dots_per_person": dots_per_person},
    )
    return vote


@transaction.atomic
def close_vote(*, circle, actor) -> DotVote:
    vote = open_vote_of(circle)
    closed = DotVote.objects.filter(pk=getattr(vote, "pk", None), status="open").update(
        status=DotVote.Status.CLOSED, closed_at=timezone.now()
    )
    if not closed:
        raise BoardError(_("There is no open vote on this board."))
    record_change(
        circle_id=circle.pk,
        action=CardChange.Action.VOTE_CLOSED,
        actor=actor,
        after={"dots": Dot.objects.filter(vote=vote).count()},
    )
    vote.refresh_from_db()
    return vote


@transaction.atomic
def place_dot(*, circle, card_id, voter_key) -> int:
    """Put one of the person's dots on an idea; returns the dots they have left."""
    vote = _locked_open_vote(circle)
    card = Card.objects.filter(pk=card_id, circle=circle, column=Card.Column.IDEAS).first()
    if card is None:
        raise BoardError(_("Dots can only be placed on ideas of this board."))
    used = Dot.objects.filter(vote=vote, voter_key=voter_key).count()
    if used >= vote.dots_per_person:
        raise BoardError(_("You have placed all your dots."))
    Dot.objects.create(vote=vote, card=card, voter_key=voter_key)
    return vote.dots_per_person - used - 1


@transaction.atomic
def remove_dot(*, circle, card_id, voter_key) -> int:
    """Take one of the person's dots back from an idea; returns the dots they have left."""
    vote = _locked_open_vote(circle)
    dot = Dot.objects.filter(vote=vote, card_id=card_id, voter_key=voter_key).first()
    if dot is None:
        raise BoardError(_("You have no dot on this idea."))
    dot.delete()
    return vote.dots_per_person - Dot.objects.filter(vote=vote, voter_key=voter_key).count()


def open_vote_of(circle):
    return DotVote.objects.filter(circle=circle, status=DotVote.Status.OPEN).first()


# The last closed vote is the one that counts; the same order on SQLite and PostgreSQL, which
# would otherwise sort a missing closing time differently.
NEWEST_CLOSED_FIRST = (F("closed_at").desc(nulls_last=True), "-id")


def last_closed_vote_of(circle):
    return (
        DotVote.objects.filter(circle=circle, status=DotVote.Status.CLOSED)
        .order_by(*NEWEST_CLOSED_FIRST)
        .first()
    )


def dot_counts(vote) -> dict[int, int]:
    """Dots per card of a vote: only ever shown once the vote is closed."""
    rows = Dot.objects.filter(vote=vote).values("card_id").annotate(n=Count("id"))
    return {row["card_id"]: row["n"] for row in rows}


def _locked_open_vote(circle) -> DotVote:
    # The lock makes the per-person limit hold even if one person clicks in two tabs at once.
    vote = DotVote.objects.select_for_update().filter(circle=circle, status="open").first()
    if vote is None:
        raise BoardError(_("There is no open vote on this board."))
    return vote
