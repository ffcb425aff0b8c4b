"""The availability grid of a poll, read in a fixed number of queries: options × voters with
each answer, and the totals per option. Names are in it: only organizers see the grid; voters
get `totals` alone."""

from dataclasses import dataclass, field

from klimakreise.polls.models import DatePoll, PollOption, Vote, Voter


@dataclass
class OptionTotals:
    option: PollOption
    yes: int = 0
    maybe: int = 0
    no: int = 0

    @property
    def available(self) -> int:
        """Who can come at all: yes plus if need be."""
        return self.yes + self.maybe


@dataclass
class VoterRow:
    voter: Voter
    answers: list = field(default_factory=list)  # Vote.Answer or None, in the options' order


@dataclass
class Grid:
    options: list[PollOption]
    totals: list[OptionTotals]
    rows: list[VoterRow]

    @property
    def best(self) -> set[int]:
        """The ids of the options most people can come to (none while nobody answered)."""
        top = max((t.available for t in self.totals), default=0)
        return {t.option.pk for t in self.totals if top and t.available == top}


def option_totals(poll: DatePoll) -> list[OptionTotals]:
    """Totals per option, without names (what voters see). Two queries."""
    options = list(poll.options.all())
    totals = {o.pk: OptionTotals(option=o) for o in options}
    for option_id, answer in Vote.objects.filter(option__poll=poll).values_list(
        "option_id", "answer"
    ):
        _count(totals[option_id], answer)
    return [totals[o.pk] for o in options]


def poll_grid(poll: DatePoll) -> Grid:
    """Three queries, whatever the number of options and voters."""
    options = list(poll.options.all())
    totals = {o.pk: OptionTotals(option=o) for o in options}
    voters = list(
        poll.voters.filter(answered_at__isnull=False).prefetch_related("votes").order_by("name")
    )
    rows = []
    for voter in voters:
        given = {vote.option_id: vote.answer for vote in voter.votes.all()}
        for option_id, answer in given.items():
            _count(totals[option_id], answer)
        rows.append(VoterRow(voter=voter, answers=[_answer(given.get(o.pk)) for o in options]))
    return Grid(options=options, totals=[totals[o.pk] for o in options], rows=rows)


def _answer(value):
    return Vote.Answer(value) if value else None


def _count(totals: OptionTotals, answer: str) -> None:
    setattr(totals, answer, getattr(totals, answer) + 1)
