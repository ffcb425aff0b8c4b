"""The one email of the feedback app: the invitation to the survey, with the personal link."""

from django.conf import settings

from klimakreise.feedback.links import survey_url
from klimakreise.outbox.services import send_templated_email


def invitation_key(survey, registration) -> str:
    return f"feedback:invitation:{survey.pk}:{registration.pk}"


def send_invitation(*, survey, registration):
    edition = survey.edition
    return send_templated_email(
        to=registration.email,
        template="feedback/email/invitation",
        context={
            "registration": registration,
            "edition": edition,
            "edition_url": settings.SITE_URL + edition.get_absolute_url(),
            "survey_url": survey_url(registration),
            "closes_at": survey.closes_at,
        },
        language=registration.language,
        key=invitation_key(survey, registration),
        edition=edition,
    )
