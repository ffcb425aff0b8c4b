"""GET /api/v1/editions/{slug}/results — the published results as JSON."""

from datetime import date, datetime

from django.http import Http404
from ninja import Router, Schema

from klimakreise.accounts.tokens import token_user
from klimakreise.editions.access import is_organizer
from klimakreise.results.data import gather_results
from klimakreise.results.queries import results_queryset

router = Router(tags=["results"])


class InputOut(Schema):
    title: str
    speaker: str


class NextStepOut(Schema):
    text: str
    responsible: str
    due: date | None
    status: str


class AttachmentOut(Schema):
    title: str
    url: str
    preview_url: str | None


class CircleOut(Schema):
    name: str
    topic: str
    input: InputOut
    ideas: list[str]
    next_steps: list[NextStepOut]
    notes: str
    attachments: list[AttachmentOut]


class ResultsOut(Schema):
    edition: str
    published_at: datetime | None
    circles: list[CircleOut]


class ErrorOut(Schema):
    detail: str


@router.get(
    "/{slug}/results",
    response={200: ResultsOut, 404: ErrorOut},
    summary="Published results of an edition",
    description=(
        "One entry per circle; `next_steps` lists the cards of the next-steps column, then those "
        "of the responsibilities column. 404 while unpublished, except for organizers of the "
        "series with a bearer token, who read the draft."
    ),
)
def get_results(request, slug: str):
    edition = results_queryset().filter(slug=slug).first()
    if edition is None:
        raise Http404("No such edition.")
    if not edition.results_are_published:
        user = token_user(request)
        if user is None or not is_organizer(user, edition.series):
            raise Http404("No published results.")
    return as_json(gather_results(edition))


def as_json(results) -> dict:
    return {
        "edition": results.edition.slug,
        "published_at": results.published_at,
        "circles": [
            {
                "name": c.name,
                "topic": c.topic,
                "input": {"title": c.input_title, "speaker": c.input_speaker},
                "ideas": [idea.text for idea in c.ideas],
                "next_steps": [
                    {"text": s.text, "responsible": s.responsible, "due": s.due, "status": s.status}
                    for s in (*c.next_steps, *c.responsibilities)
                ],
                "notes": c.notes,
                "attachments": [
                    {"title": f.title, "url": f.url, "preview_url": f.preview_url} for f in c.files
                ],
            }
            for c in results.circles
        ],
    }
