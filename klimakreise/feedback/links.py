"""The personal survey link: a signed token like the registrations' personal links
(registrations.links), with its own salt so that it opens the survey and nothing else.
Bumping the registration's link_version revokes it too."""

from django.conf import settings
from django.urls import reverse

from klimakreise.core import links
from klimakreise.registrations.models import Registration

SALT = "klimakreise.feedback.survey-link"


def make_token(registration) -> str:
    return links.make_token(registration, salt=SALT)


def registration_from_token(token: str):
    """The registration a token stands for, or None if it is forged, expired or revoked."""
    registrations = Registration.objects.select_related(
        "edition__series", "circle_membership__circle"
    )
    return links.object_from_token(
        token, salt=SALT, queryset=registrations.filter(anonymized_at__isnull=True)
    )


def survey_url(registration) -> str:
    path = reverse("feedback:answer", kwargs={"token": make_token(registration)})
    return settings.SITE_URL + path


def public_url(survey) -> str:
    path = reverse(
        "feedback:public_answer", kwargs={"slug": survey.edition.slug, "key": survey.public_key}
    )
    return settings.SITE_URL + path
