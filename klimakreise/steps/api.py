"""GET /api/v1/editions/{slug}/steps and /review — the follow-up of next steps as JSON.

Only published results: no personal data beyond names that may be shown (steps.reading)."""

from datetime import date, datetime
from typing import Literal

from django.http import Http404
from ninja import Router, Schema

from klimakreise.editions.models import Edition
from klimakreise.steps.reading import public_steps
from klimakreise.steps.review import previous_steps

router = Router(tags=["steps"])


class StepOut(Schema):
    id: int
    circle: str
    text: str
    responsible: str | None
    due: date | None
    status: Literal["open", "in_progress", "done", "dropped"]
    updated_at: datetime


class EditionRef(Schema):
    slug: str
    title: str


class ReviewOut(Schema):
    previous: EditionRef | None
    steps: list[StepOut]


class ErrorOut(Schema):
    detail: str


def _published_edition(slug: str) -> Edition:
    edition = Edition.objects.select_related("series", "documentation").filter(slug=slug).first()
    if edition is None or not edition.results_are_published:
        raise Http404("No published results.")
    return edition


def _as_json(steps) -> list[dict]:
    return [
        {
            "id": s.id,
            "circle": s.circle,
            "text": s.text,
            "responsible": s.responsible,
            "due": s.due,
            "status": s.status,
            "updated_at": s.updated_at,
        }
        for s in steps
    ]


@router.get(
    "/{slug}/steps",
    response={200: list[StepOut], 404: ErrorOut},
    summary="Next steps of an edition and their current status",
    description=(
        "The next steps and responsibilities of a published edition, by circle. `responsible` is "
        "null unless it names an organization or a person who agreed to be named in public. "
        "404 while the results are unpublished."
    ),
)
def get_steps(request, slug: str):
    return _as_json(public_steps(_published_edition(slug)))


@router.get(
    "/{slug}/review",
    response={200: ReviewOut, 404: ErrorOut},
    summary="What became of the previous edition's steps",
    description=(
        "The previous edition of the series (the next-lower number, once its results are "
        "published) and its steps in the shape of `/steps`; `previous` is null if there is none."
    ),
)
def get_review(request, slug: str):
    edition = Edition.objects.select_related("series").filter(slug=slug).first()
    if edition is None or not edition.is_public:
        raise Http404("No such edition.")
    review = previous_steps(edition)
    if review is None:
        return {"previous": None, "steps": []}
    previous = {"slug": review.previous.slug, "title": review.previous.title}
    return {"previous": previous, "steps": _as_json(review.steps)}
