"""A built world for the funder report: two editions of one series whose counts are known.

Edition A (see EXPECTED_A): people of several sectors and kinds of organization in every state,
one of them anonymized, two circles (one staffed) and cards in every column and status.
Edition B: three people from politics without an organization, one finished next step.
"""

from types import SimpleNamespace

from django.utils import timezone

from klimakreise.boards.models import Card
from klimakreise.circles.models import CircleMember
from klimakreise.organizations.models import Organization
from klimakreise.registrations.models import Registration
from tests.factories import (
    CircleFactory,
    EditionFactory,
    OrganizationFactory,
    RegistrationFactory,
    TopicFactory,
    UserFactory,
)

Status = Registration.Status

# (sector slug, organization key or None, status, checked in, confirmed_at set, anonymized)
PEOPLE_A = [
    *[("zivilgesellschaft", "cs", Status.REGISTERED, True, True, False)] * 3,
    ("zivilgesellschaft", "cs", Status.REGISTERED, False, True, False),
    ("zivilgesellschaft", "cs", Status.REGISTERED, True, True, True),
    ("verwaltung", "admin", Status.REGISTERED, True, False, False),
    ("verwaltung", "admin", Status.REGISTERED, False, False, False),
    ("zivilgesellschaft", None, Status.WAITLISTED, False, True, False),
    ("unternehmen", "unset", Status.CANCELLED, False, True, False),
    ("unternehmen", None, Status.CANCELLED, False, False, False),
    ("wissenschaft", None, Status.PENDING, False, False, False),
]
PEOPLE_B = [("politik", None, Status.REGISTERED, True, True, False)] * 3

# (registered, confirmed, attended)
EXPECTED_A_SECTORS = {
    "zivilgesellschaft": (6, 5, 4),
    "verwaltung": (2, 2, 1),
    "unternehmen": (1, 0, 0),
    "wissenschaft": (0, 0, 0),
    "politik": (0, 0, 0),
    "sonstige": (0, 0, 0),
}
EXPECTED_A_KINDS = {
    "civil_society": (5, 5, 4),
    "initiative": (0, 0, 0),
    "administration": (2, 2, 1),
    "business": (0, 0, 0),
    "science": (0, 0, 0),
    "other": (0, 0, 0),
    "unset": (1, 0, 0),
    "none": (1, 0, 0),
}
EXPECTED_A_TOTAL = (9, 7, 5)
EXPECTED_B_TOTAL = (3, 3, 3)


def _person(edition, sectors, organizations, spec) -> Registration:
    sector, organization, status, checked_in, confirmed, anonymized = spec
    now = timezone.now()
    return RegistrationFactory(
        edition=edition,
        sector=sectors[sector],
        organization=organizations.get(organization),
        organization_name=organizations[organization].name if organization else "",
        status=status,
        checked_in_at=now if checked_in else None,
        confirmed_at=now if confirmed else None,
        cancelled_at=now if status == Status.CANCELLED else None,
        anonymized_at=now if anonymized else None,
    )


def build_world(series) -> SimpleNamespace:
    sectors = {sector.slug: sector for sector in series.sectors.all()}
    kinds = {"cs": Organization.Kind.CIVIL_SOCIETY, "admin": Organization.Kind.ADMINISTRATION}
    organizations = {
        key: OrganizationFactory(series=series, kind=kinds.get(key, ""), name=name)
        for key, name in (("cs", "Radentscheid e.V."), ("admin", "Umweltamt"), ("unset", "Firma X"))
    }
    edition_a = EditionFactory(series=series, title="Klimakreise Frühjahr")
    edition_b = EditionFactory(series=series, title="Klimakreise Herbst")
    people_a = [_person(edition_a, sectors, organizations, spec) for spec in PEOPLE_A]
    people_b = [_person(edition_b, sectors, organizations, spec) for spec in PEOPLE_B]
    staffed, plain = _circles(edition_a, people_a)
    _cards(staffed, plain, CircleFactory(topic=TopicFactory(edition=edition_b, title="Energie")))
    return SimpleNamespace(
        series=series,
        edition_a=edition_a,
        edition_b=edition_b,
        people=people_a + people_b,
        staffed=staffed,
        plain=plain,
        organizations=organizations,
    )


def _circles(edition, people):
    moderator = people[0]
    staffed = CircleFactory(
        topic=TopicFactory(edition=edition, title="Mobilität"),
        moderator_registration=moderator,
        moderator_name=moderator.name,
        expert=UserFactory(name="Erika Expertin"),
        note_taker_name="Norbert Notizenschreiber",
    )
    plain = CircleFactory(topic=TopicFactory(edition=edition, title="Ernährung"))
    for person in people[:3]:
        CircleMember.objects.create(circle=staffed, registration=person)
    for person in people[3:5]:
        CircleMember.objects.create(circle=plain, registration=person)
    return staffed, plain


def _cards(staffed, plain, circle_b):
    Column, CardStatus = Card.Column, Card.Status
    for circle, column, status in (
        (staffed, Column.NEXT_STEPS, CardStatus.DONE),
        (staffed, Column.NEXT_STEPS, CardStatus.IN_PROGRESS),
        (plain, Column.NEXT_STEPS, CardStatus.OPEN),
        (plain, Column.RESPONSIBILITIES, CardStatus.DROPPED),
        (staffed, Column.IDEAS, CardStatus.DONE),  # an idea is not a step
        (circle_b, Column.RESPONSIBILITIES, CardStatus.DONE),
    ):
        Card.objects.create(circle=circle, column=column, status=status, text="Schritt")
