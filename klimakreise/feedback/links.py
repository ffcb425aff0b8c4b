"""The personal survey link: a signed token like the registrations' personal links
(registrations.links), with its own salt so that it opens the survey and nothing else.
Bumping the registration's link_version revokes it too."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from klimakreise.registrations.models import Registration

SALT = "klimakreise.feedback.survey-link"


def make_token(registration) -> str:
    return signing.dumps([registration.pk, registration.link_version], salt=SALT, compress=True)


def registration_from_token(token: str):
    """The registration a token stands for, or None if it is forged, expired or revoked."""
    try:
        pk, version = signing.loads(token, salt=SALT, max_age=settings.PERSONAL_LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (
        Registration.objects.select_related("edition__series", "circle_membership__circle")
        .filter(pk=pk, link_version=version, anonymized_at__isnull=True)
        .first()
    )


def survey_url(registration) -> str:
    path = reverse("feedback:answer", kwargs={"token": make_token(registration)})
    return settings.SITE_URL + path


def public_url(survey) -> str:
    path = reverse(
        "feedback:public_answer", kwargs={"slug": survey.edition.slug, "key": survey.public_key}
    )
    return settings.SITE_URL + path
