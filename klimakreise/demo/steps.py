"""Demo follow-up of the next steps: the 2021 steps with dated updates (the 2022 edition's
Rückblick shows them), the 2022 steps done, in progress or overdue with notes and owners, and the
"Rückblick" agenda items of kind REVIEW, which link to that section.

Idempotent: updates are found by card and date, follow-ups by card; the cards' statuses come
from the content modules (demo.results) and are only mirrored here.
"""

from datetime import date

from klimakreise.boards.models import Card
from klimakreise.demo.context import DemoContext, local
from klimakreise.demo.editions import LOOK_BACK
from klimakreise.editions.models import AgendaItem
from klimakreise.steps.models import StepFollowUp, StepUpdate

STEP_COLUMNS = (Card.Column.NEXT_STEPS, Card.Column.RESPONSIBILITIES)

# 2021: what the owners reported, by step (dated; the last entry is the step's status).
HISTORY_2021 = {
    "Lücken im Radnetz sammeln": [
        ("2022-01-20", "in_progress", "Gut 40 Lücken aus der Online-Umfrage erfasst."),
        ("2022-02-25", "done", "Karte mit 63 Lücken an das Stadtplanungsamt übergeben."),
    ],
    "Solarkataster bekannter machen": [
        ("2022-02-10", "in_progress", "Artikel im Stadtteilblatt erscheint im März."),
        ("2022-03-28", "done", "Artikel erschienen, Infostand auf dem Wochenmarkt gehalten."),
    ],
    "Beispiele für Klimachecks anderer Städte sammeln": [
        ("2022-03-10", "done", "Beispiele aus fünf Städten zusammengestellt und geteilt."),
    ],
    "Karte entsiegelbarer Flächen beginnen": [
        ("2022-02-01", "in_progress", "Erste Flächen im Stadtfeld erfasst."),
        ("2022-04-29", "dropped", "Das Umweltamt erstellt selbst ein Kataster; wir arbeiten zu."),
    ],
    "Zweite Ausgabe der Klimakreise im Frühjahr planen": [
        ("2022-02-15", "in_progress", "Termin und Ort stehen fest."),
        ("2022-05-17", "done", "Die zweiten Klimakreise finden heute statt."),
    ],
}

NOTES_2022 = {
    Card.Status.DONE: "Erledigt, Ergebnisse im Kreis geteilt.",
    Card.Status.IN_PROGRESS: "Läuft, erste Gespräche haben stattgefunden.",
    Card.Status.DROPPED: "Verworfen: andere Stellen kümmern sich bereits darum.",
}

CONTACT = ("Dana Beispiel", "dana.beispiel@example.org")  # fictional


def load_steps(ctx: DemoContext) -> None:
    _review_agenda_items()
    for slug in ("magdeburg-2021", "magdeburg-2022"):
        if edition := ctx.editions.get(slug):
            _dated_by_the_event(edition)
    if edition := ctx.editions.get("magdeburg-2021"):
        for card in _cards(edition):
            for day, status, note in HISTORY_2021.get(card.text, []):
                _update(card, local(f"{day}T18:00"), status, note)
    if edition := ctx.editions.get("magdeburg-2022"):
        for index, card in enumerate(_cards(edition)):
            _follow_up_2022(card, index)


def _dated_by_the_event(edition) -> None:
    """A step nobody has updated was last changed when its circle wrote it down: at the event
    (not when the demo was loaded, which would show today's date as its last update)."""
    cards = Card.objects.filter(circle__edition=edition, column__in=STEP_COLUMNS)
    cards.filter(step_updates__isnull=True).update(updated_at=edition.end)


def _review_agenda_items() -> None:
    AgendaItem.objects.filter(title__startswith=LOOK_BACK).update(kind=AgendaItem.Kind.REVIEW)


def _cards(edition) -> list[Card]:
    return list(
        Card.objects.filter(circle__edition=edition, column__in=STEP_COLUMNS)
        .select_related("circle")
        .order_by("circle__topic__position", "circle__index", "column", "position")
    )


def _update(card, at, status, note) -> None:
    StepUpdate.objects.get_or_create(
        card=card,
        at=at,
        defaults={"status": status, "note": note, "by": StepUpdate.By.CONTACT},
    )
    # The card's date is that of its newest update, as a real update leaves it.
    newest = StepUpdate.objects.filter(card=card).order_by("-at").values_list("at", flat=True)[0]
    Card.objects.filter(pk=card.pk).update(updated_at=newest)


def _follow_up_2022(card, index: int) -> None:
    """Every other step gets an owner (a member of its circle, or the fictional contact);
    finished and running steps a dated note; overdue ones stay without one."""
    if index % 2 == 0:
        member = card.circle.members.select_related("registration").first()
        owner = {"registration": member.registration} if member else {}
        if index % 4 == 2 or not member:
            owner = {"contact_name": CONTACT[0], "contact_email": CONTACT[1]}
        due = card.due_date
        StepFollowUp.objects.get_or_create(
            card=card,
            defaults={
                **owner,
                # The demo's past reminders count as sent: loading it queues no email.
                "reminded_for": due,
                "overdue_notified_for": due,
            },
        )
    if card.status in NOTES_2022:
        when = min(card.due_date or date(2022, 9, 1), date(2022, 11, 30))
        _update(card, local(f"{when}T18:00"), card.status, NOTES_2022[card.status])
