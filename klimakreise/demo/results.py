"""Demo results: the 2022 edition in full (cards, votes, notes, slide PDFs), 2021 shorter.

Idempotent: cards are found by circle, column and text, attachments by their target and title,
and slide PDFs are only rendered when their file is missing.
"""

from datetime import date, datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from klimakreise.boards.models import Card, CircleNotes, Dot, DotVote
from klimakreise.demo import content_2021, content_2022
from klimakreise.demo.context import DemoContext, local, person_name
from klimakreise.editions.models import AgendaItem, Attachment, Documentation


def load_results(ctx: DemoContext) -> None:
    if edition := ctx.editions.get("magdeburg-2022"):
        _full_results(ctx, edition)
    if edition := ctx.editions.get("magdeburg-2021"):
        _short_results(ctx, edition)


def _full_results(ctx, edition) -> None:
    talk = edition.agenda_items.filter(kind=AgendaItem.Kind.TALK).first()
    if talk is not None:
        spec = content_2022.TALK_SLIDES
        pdf = _slides_pdf(
            edition, "talk", spec["title"], spec["subtitle"], talk.speaker, spec["slides"]
        )
        _attach(edition, pdf, title=f"Folien: {spec['title']}", agenda_item=talk)
    for circle in edition.circles.select_related("topic"):
        spec = content_2022.CIRCLES.get(circle.topic.slug)
        if spec is None:
            continue
        topic = circle.topic
        pdf = _slides_pdf(
            edition, topic.slug, topic.input_title, topic.title, circle.expert_name, spec["slides"]
        )
        _attach(edition, pdf, title=f"Folien: {topic.input_title}", circle=circle)
        ideas = [
            _card(ctx, circle, Card.Column.IDEAS, i, text)
            for i, (text, _) in enumerate(spec["ideas"])
        ]
        _vote(circle, ideas, [dots for _, dots in spec["ideas"]])
        _steps(ctx, circle, Card.Column.NEXT_STEPS, spec["next_steps"])
        _steps(ctx, circle, Card.Column.RESPONSIBILITIES, spec["responsibilities"])
        CircleNotes.objects.update_or_create(circle=circle, defaults={"text": spec["notes"]})
    upcoming = ctx.editions.get("magdeburg-3")
    _publish(
        edition,
        published_at=local("2022-05-31T10:00"),
        participant_count=47,
        results_intro=content_2022.RESULTS_INTRO,
        outlook=content_2022.OUTLOOK,
        next_date=upcoming.start.date() if upcoming else None,
    )


def _short_results(ctx, edition) -> None:
    for circle in edition.circles.select_related("topic"):
        spec = content_2021.CIRCLES.get(circle.topic.slug)
        if spec is None:
            continue
        for position, text in enumerate(spec["ideas"]):
            _card(ctx, circle, Card.Column.IDEAS, position, text)
        _steps(ctx, circle, Card.Column.NEXT_STEPS, spec["next_steps"])
        if spec["notes"]:
            CircleNotes.objects.update_or_create(circle=circle, defaults={"text": spec["notes"]})
    _publish(
        edition,
        published_at=local("2021-12-20T10:00"),
        participant_count=52,
        results_intro=(
            "Die ersten Klimakreise fanden online statt. Auf dieser Seite sind die Ideen und die "
            "ersten verabredeten Schritte der fünf Kreise festgehalten, als Ausgangspunkt für die "
            "nächsten Klimakreise."
        ),
        outlook="Die nächsten Klimakreise sind im Frühjahr 2022 geplant, wenn möglich vor Ort.",
        next_date=date(2022, 5, 17),
    )


def _card(ctx, circle, column, position, text, responsible="", due=None, status="open") -> Card:
    if "{person}" in responsible:
        responsible = responsible.replace("{person}", person_name(ctx.faker))
    card, _ = Card.objects.update_or_create(
        circle=circle,
        column=column,
        text=text,
        defaults={
            "position": position,
            "responsible": responsible,
            "due_date": date.fromisoformat(due) if due else None,
            "status": status,
        },
    )
    return card


def _steps(ctx, circle, column, steps) -> None:
    for position, (text, responsible, due, status) in enumerate(steps):
        _card(ctx, circle, column, position, text, responsible, due, status)


def _vote(circle, ideas: list[Card], dots: list[int]) -> None:
    """A closed dot vote with the given dots per idea (none if nobody voted)."""
    if not any(dots):
        return
    vote = DotVote.objects.filter(circle=circle, status=DotVote.Status.CLOSED).first()
    if vote is None:
        vote = DotVote.objects.create(
            circle=circle,
            status=DotVote.Status.CLOSED,
            opened_at=local("2022-05-17T16:05"),
            closed_at=local("2022-05-17T16:15"),
        )
    vote.dots.all().delete()
    Dot.objects.bulk_create(
        Dot(vote=vote, card=card, voter_key=f"demo-{card.pk}-{n}")
        for card, count in zip(ideas, dots, strict=True)
        for n in range(count)
    )


def _publish(edition, *, published_at: datetime, **fields) -> None:
    # Last, after the cards: their signals mark published results as "updated" on a second run.
    Documentation.objects.update_or_create(
        edition=edition,
        defaults={
            "status": Documentation.Status.PUBLISHED,
            "published_at": published_at,
            "updated_at": published_at,
            **fields,
        },
    )


def _slides_pdf(edition, key, title, subtitle, speaker, slides) -> str:
    """The storage name of a generated slide deck (landscape; title slide + content slides)."""
    name = f"attachments/{edition.pk}/demo-slides-{key}.pdf"
    if not default_storage.exists(name):
        # WeasyPrint (and Pango behind it) is loaded only when the demo makes its slides.
        from weasyprint import HTML

        html = render_to_string(
            "demo/slides.html",
            {
                "title": title,
                "subtitle": subtitle,
                "speaker": speaker,
                "slides": slides,
                "event": f"{edition.title} · {edition.start:%d.%m.%Y}",
            },
        )
        saved = default_storage.save(name, ContentFile(HTML(string=html).write_pdf()))
        assert saved == name, "the slide file name must stay stable"
    return name


def _attach(edition, file_name, *, title, agenda_item=None, circle=None) -> None:
    Attachment.objects.update_or_create(
        edition=edition,
        agenda_item=agenda_item,
        circle=circle,
        title=title,
        defaults={
            "file": file_name,
            "content_type": "application/pdf",
            "size": default_storage.size(file_name),
        },
    )
