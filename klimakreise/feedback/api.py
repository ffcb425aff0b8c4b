"""GET /api/v1/editions/{slug}/feedback — the published summary of the feedback survey."""

from django.http import Http404
from ninja import Router, Schema

from klimakreise.editions.models import Edition
from klimakreise.feedback.summary import published_summary

router = Router(tags=["feedback"])


class QuestionOut(Schema):
    id: int
    text: str
    kind: str
    summary: dict[str, int]


class FeedbackOut(Schema):
    responses: int
    questions: list[QuestionOut]


class ErrorOut(Schema):
    detail: str


@router.get(
    "/{slug}/feedback",
    response={200: FeedbackOut, 404: ErrorOut},
    summary="Published summary of an edition's feedback survey",
    description=(
        "Once organizers published the summary: the number of responses and, per question, "
        "`kind` (`scale`, `choice`, `multiple` or `text`) and `summary`, the counts per option "
        "or scale value (for `text` only `answers`, the number of answers). A question with "
        "fewer than 3 answers has an empty `summary`. No free texts, no names. 404 before."
    ),
)
def get_feedback(request, slug: str):
    edition = Edition.objects.public().filter(slug=slug).first()
    summary = published_summary(edition) if edition is not None else None
    if summary is None:
        raise Http404("No published feedback.")
    return {
        "responses": summary.responses,
        "questions": [
            {"id": q.id, "text": q.text, "kind": q.kind, "summary": q.counts}
            for q in summary.questions
        ],
    }
