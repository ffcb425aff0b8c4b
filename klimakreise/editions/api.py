from datetime import datetime

from django.urls import reverse
from ninja import Router, Schema

from klimakreise.editions.models import Edition
from klimakreise.editions.queries import get_public_edition, public_program

router = Router(tags=["editions"])


class EditionSummary(Schema):
    slug: str
    series: str
    number: int
    title: str
    start: datetime
    end: datetime
    status: str
    url: str


class AgendaEntry(Schema):
    start: datetime
    title: str
    kind: str
    speaker: str


class TopicEntry(Schema):
    slug: str
    title: str
    min_size: int
    max_size: int
    max_groups: int
    min_groups: int  # the topic takes place for sure with at least this many circles
    cancelled: bool  # the fixed assignment opened no circle of the topic


class PartnerEntry(Schema):
    name: str
    role: str


class SectorEntry(Schema):
    slug: str
    title: str


class EditionDetail(EditionSummary):
    agenda: list[AgendaEntry]
    topics: list[TopicEntry]
    partners: list[PartnerEntry]
    previous: str | None
    results_url: str | None
    sectors: list[SectorEntry]  # the values POST …/registrations accepts as `sector`
    registration_open: bool


class ErrorOut(Schema):
    detail: str


def summarize(edition: Edition) -> dict:
    return {
        "slug": edition.slug,
        "series": edition.series.slug,
        "number": edition.number,
        "title": edition.title,
        "start": edition.start,
        "end": edition.end,
        "status": edition.status,
        "url": edition.get_absolute_url(),
    }


def results_url(edition: Edition) -> str | None:
    """The public results page once an edition's documentation is published."""

    if not edition.results_are_published:
        return None
    return reverse("results:page", kwargs={"slug": edition.slug})


@router.get("", response=list[EditionSummary], summary="Public editions")
def list_editions(request):
    return [summarize(e) for e in Edition.objects.public().select_related("series")]


@router.get(
    "/{slug}", response={200: EditionDetail, 404: ErrorOut}, summary="One edition with details"
)
def get_edition(request, slug: str):
    edition = get_public_edition(slug)
    program = public_program(edition)
    return {
        **summarize(edition),
        "agenda": [
            {"start": i.start, "title": i.title, "kind": i.kind, "speaker": i.speaker}
            for i in program.agenda
        ],
        "topics": [
            {
                "slug": t.slug,
                "title": t.title,
                "min_size": t.min_size,
                "max_size": t.max_size,
                "max_groups": t.max_groups,
                "min_groups": t.min_groups,
                "cancelled": t.cancelled,
            }
            for t in program.topics
        ],
        "partners": [{"name": p.organization.name, "role": p.role} for p in program.partners],
        "previous": edition.previous.slug if edition.previous else None,
        "results_url": results_url(edition),
        "sectors": [{"slug": s.slug, "title": s.title} for s in edition.series.sectors.all()],
        "registration_open": edition.registration_is_open(),
    }
