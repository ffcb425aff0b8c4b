"""The demo's feedback: 2022's survey, closed, with 24 fictional answers and its summary published.

Idempotent: the survey is found by its edition, the default questions are made only with it, and
the answers only while the survey has none. The answers name nobody (as by the public link); each
is counted for a circle so that the organizers' report shows the rating per circle.
"""

from django.utils import translation

from klimakreise.demo.context import DemoContext, local
from klimakreise.feedback.models import Answer, Response, Survey
from klimakreise.feedback.services import create_survey

# (overall, own circle, what to keep, what to change, come again, heard of it) per answer.
ANSWERS = [
    (5, 5, "Die kleinen Kreise mit echtem Austausch.", "", 0, (0,)),
    (4, 4, "", "Mehr Zeit für die nächsten Schritte.", 0, (1, 3)),
    (5, 4, "Der Impuls zu Beginn war sehr hilfreich.", "", 0, (0, 2)),
    (4, 5, "", "", 0, (3,)),
    (3, 3, "", "Die Technik im Videoraum hakte.", 1, (2,)),
    (5, 5, "Gute Moderation, alle kamen zu Wort.", "", 0, (0,)),
    (4, 4, "", "Pausen zwischen den Blöcken.", 0, (1,)),
    (4, 3, "Die Pinnwand für Ideen.", "", 1, (3,)),
    (5, 5, "", "", 0, (0, 3)),
    (2, 3, "", "Ein Treffen vor Ort wäre schöner.", 1, (4,)),
    (4, 4, "Die Mischung aus Verwaltung und Zivilgesellschaft.", "", 0, (3,)),
    (5, 4, "", "Ergebnisse früher verschicken.", 0, (0,)),
    (3, 4, "", "", 1, (1,)),
    (4, 5, "Klare Zeitplanung.", "", 0, (2, 3)),
    (5, 5, "", "Mehr Kreise zu Energie.", 0, (0,)),
    (4, 4, "Die Dot-Abstimmung am Ende.", "", 0, (5,)),
    (3, 2, "", "Der Kreis war zu groß.", 2, (2,)),
    (4, 4, "", "", 0, (0,)),
    (5, 5, "Die Verbindlichkeit der nächsten Schritte.", "", 0, (3,)),
    (4, 3, "", "Unterlagen vorab schicken.", 1, (1, 0)),
    (5, 4, "", "", 0, (0,)),
    (4, 5, "Das Treffen im Anschluss.", "", 0, (3,)),
    (4, 4, "", "Ein kürzerer Einstieg.", 0, (2,)),
    (5, 5, "", "", 0, (0, 1)),
]


def load_feedback(ctx: DemoContext) -> None:
    edition = ctx.editions.get("magdeburg-2022")
    if edition is None:
        return
    with translation.override("de"):  # the default questions in the demo's language
        survey = create_survey(edition=edition)
    Survey.objects.filter(pk=survey.pk).update(
        status=Survey.Status.CLOSED,
        closes_at=local("2022-05-27T23:59"),
        summary_published=True,
        summary_published_at=local("2022-05-31T10:00"),
    )
    if not survey.responses.exists():
        _answer(survey, list(edition.circles.order_by("topic__position", "index")))


def _answer(survey, circles) -> None:
    questions = {q.position: q for q in survey.questions.all()}
    at = local("2022-05-18T09:00")
    for i, (overall, rating, keep, change, again, heard) in enumerate(ANSWERS):
        response = Response.objects.create(
            survey=survey,
            circle=circles[i % len(circles)] if circles else None,
            created_at=at,
            updated_at=at,
        )
        rows = [
            Answer(question=questions[1], value=str(overall)),
            Answer(question=questions[2], value=str(rating)),
            Answer(question=questions[5], value=questions[5].options[again]),
            *(Answer(question=questions[6], value=questions[6].options[h]) for h in heard),
        ]
        rows += [Answer(question=questions[3], text=keep)] if keep else []
        rows += [Answer(question=questions[4], text=change)] if change else []
        for row in rows:
            row.response = response
        Answer.objects.bulk_create(rows)
