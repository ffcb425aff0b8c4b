"""Registration API: `POST /editions/{slug}/registrations` (public, rate limited) and
`GET /editions/{slug}/registrations` (organizers, bearer token). Mounted under "/editions".

Status codes of the POST: 201 created (pending confirmation); 202 the address is already
registered for the edition — nothing was stored and a fresh confirmation/personal link went to
that address (the body says no more); 403 a browser sent it from another site and 415 the body
is not JSON (both api.api, for every write); 404 unknown edition; 409 registration closed; 422
invalid input (core.text's rule included), one {field, message} per error; 429 rate limited.
"""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from klimakreise.accounts.tokens import OrganizerToken
from klimakreise.core import api_errors
from klimakreise.core.text import Line, Text
from klimakreise.editions.access import require_organizer
from klimakreise.editions.models import Edition
from klimakreise.editions.queries import get_public_edition
from klimakreise.registrations import services
from klimakreise.registrations.forms import RegistrationForm
from klimakreise.registrations.models import Registration
from klimakreise.registrations.ratelimit import over_registration_limit

router = Router(tags=["registrations"])


class RegistrationIn(Schema):
    # Everything optional here so that missing fields are reported by the form, like in the UI.
    model_config = ConfigDict(coerce_numbers_to_str=True)

    name: Line | None = None
    email: Line | None = None
    organization: Line | None = None
    sector: Line | None = None
    preferences: list[Line] | None = None
    can_moderate: bool = False
    can_take_notes: bool = False
    joins_get_together: bool = False
    accessibility_needs: Text | None = None
    consent_privacy: bool = False
    public_listing: bool = False
    newsletter: bool = False
    language: Line | None = None


class RegistrationCreated(Schema):
    id: int
    status: str


class ConfirmationResent(Schema):
    status: str


class FieldError(Schema):
    field: str | None
    message: str


class InvalidInput(Schema):
    detail: str
    errors: list[FieldError]


class Error(Schema):
    detail: str


class RegistrationOut(Schema):
    id: int
    status: str
    name: str
    email: str
    organization: str
    sector: str
    preferences: list[str]
    can_moderate: bool
    can_take_notes: bool
    joins_get_together: bool
    accessibility_needs: str
    public_listing: bool
    newsletter: bool
    language: str
    source: str
    created_at: datetime
    confirmed_at: datetime | None
    checked_in_at: datetime | None


@router.post(
    "/{slug}/registrations",
    response={
        201: RegistrationCreated,
        202: ConfirmationResent,
        404: Error,
        409: Error,
        422: InvalidInput,
        429: Error,
    },
    summary="Register for an edition",
)
def create_registration(request, slug: str, payload: RegistrationIn):
    if over_registration_limit(request):
        detail = _("Too many registrations from this address; please try again later.")
        return Status(429, {"detail": detail})
    edition = get_public_edition(slug)
    form = RegistrationForm.from_api(edition=edition, payload=payload.dict())
    if not form.is_valid_for_api():
        return Status(422, {"detail": api_errors.invalid_input(), "errors": form.api_errors()})
    try:
        registration, created = services.register(
            edition=edition, data=form.to_data(), source=Registration.Source.API
        )
    except services.RegistrationClosed:
        return Status(409, {"detail": _("Registration for this edition is not open.")})
    if not created:
        return Status(202, {"status": "confirmation_resent"})
    return Status(201, {"id": registration.pk, "status": registration.status})


@router.get(
    "/{slug}/registrations",
    auth=OrganizerToken(),
    response={200: list[RegistrationOut], 404: Error},
    summary="Registrations of an edition (organizers)",
)
def list_registrations(request, slug: str):
    # A token of another series gets the answer of an unknown edition: nothing is learned.
    edition = get_object_or_404(Edition.objects.select_related("series"), slug=slug)
    require_organizer(request.auth, edition.series)
    registrations = edition.registrations.select_related("sector").prefetch_related(
        "preferences__topic"
    )
    return Status(200, [_registration_out(r) for r in registrations])


def _registration_out(registration: Registration) -> dict:
    return {
        "id": registration.pk,
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "organization": registration.organization_name,
        "sector": registration.sector.slug,
        "preferences": [p.topic.slug for p in registration.preferences.all()],
        "can_moderate": registration.can_moderate,
        "can_take_notes": registration.can_take_notes,
        "joins_get_together": registration.joins_get_together,
        "accessibility_needs": registration.accessibility_needs,
        "public_listing": registration.public_listing,
        "newsletter": registration.newsletter,
        "language": registration.language,
        "source": registration.source,
        "created_at": registration.created_at,
        "confirmed_at": registration.confirmed_at,
        "checked_in_at": registration.checked_in_at,
    }
