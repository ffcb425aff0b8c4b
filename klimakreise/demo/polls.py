"""The date poll that found the date of the 3rd edition: closed on magdeburg-2022, its picked
date is the upcoming edition's, and it points to that edition (editions made it already; the
poll never makes a second one). Found by its title and updated in place, so loading twice
changes nothing."""

from datetime import timedelta

from klimakreise.demo.context import DemoContext
from klimakreise.editions.models import Edition
from klimakreise.polls.models import DatePoll, PollOption, Vote, Voter

TITLE = "Termin für die 3. Klimakreise"
MESSAGE = (
    "Wann passt Ihnen das nächste Treffen? Wir bauen auf den Ergebnissen von 2022 auf. "
    "Bitte kreuzen Sie alle Termine an, die Ihnen passen."
)
# Fictional people: (name, address or "" for someone who answered by the shared link without
# one, comment, answers for the options a week before / on the picked day / a week after).
VOTERS = [
    ("Anke Sommerfeld", "anke.sommerfeld@example.org", "", ("maybe", "yes", "no")),
    ("Bernd Kowalczyk", "bernd.kowalczyk@example.org", "", ("yes", "yes", "yes")),
    (
        "Carola Wendt",
        "carola.wendt@example.org",
        "Nachmittags am liebsten.",
        ("no", "yes", "maybe"),
    ),
    ("Dilek Aydın", "", "", ("no", "maybe", "yes")),
    ("Emil Hartung", "emil.hartung@example.org", "", ("yes", "no", "no")),
    (
        "Frieda Lorenz",
        "frieda.lorenz@example.org",
        "Nach 18 Uhr kann ich nicht.",
        ("no", "yes", "no"),
    ),
]
PICKED = 1  # the option on the upcoming edition's day


def load_polls(ctx: DemoContext) -> DatePoll:
    upcoming = ctx.editions["magdeburg-3"]
    poll = DatePoll.objects.filter(edition=ctx.editions["magdeburg-2022"], title=TITLE).first()
    poll = poll or DatePoll(edition=ctx.editions["magdeburg-2022"], title=TITLE)
    poll.message = MESSAGE
    poll.status = DatePoll.Status.CLOSED
    # The 3rd edition was created when the date was picked: its creation is the poll's close.
    poll.closed_at = upcoming.created_at
    poll.created_edition = upcoming
    poll.picked_option = None
    poll.save()
    options = _options(poll, upcoming)
    poll.picked_option = options[PICKED]
    poll.save(update_fields=["picked_option"])
    _voters(poll, options, closed_at=poll.closed_at)
    return poll


def _options(poll: DatePoll, upcoming: Edition) -> list[PollOption]:
    options = []
    for weeks in (-1, 0, 1):
        shift = timedelta(weeks=weeks)
        option, _ = PollOption.objects.get_or_create(
            poll=poll, start=upcoming.start + shift, end=upcoming.end + shift
        )
        options.append(option)
    poll.options.exclude(pk__in=[o.pk for o in options]).delete()
    return options


def _voters(poll: DatePoll, options: list[PollOption], *, closed_at) -> None:
    kept = []
    for position, (name, email, comment, answers) in enumerate(VOTERS):
        voter, _ = Voter.objects.update_or_create(
            poll=poll,
            name=name,
            defaults={
                "email": email,
                "comment": comment,
                "language": "de",
                "invited_at": closed_at - timedelta(days=30) if email else None,
                "answered_at": closed_at - timedelta(days=20 - position),
            },
        )
        kept.append(voter.pk)
        for option, answer in zip(options, answers, strict=True):
            Vote.objects.update_or_create(voter=voter, option=option, defaults={"answer": answer})
    poll.voters.exclude(pk__in=kept).delete()
