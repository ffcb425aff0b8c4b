"""Personal links of the people who look after steps: signed, expiring and revocable tokens
that stand in for an account (as registrations.links does for sign-ups).

A token carries a follow-up's id and link_version; changing the step's owner bumps link_version,
which revokes every link issued so far. The link opens the page of all steps of the same owner.
"""

from django.conf import settings
from django.urls import reverse

from klimakreise.core import links
from klimakreise.steps.models import StepFollowUp

SALT = "klimakreise.steps.update-link"


def make_token(follow_up) -> str:
    return links.make_token(follow_up, salt=SALT)


def follow_up_from_token(token: str):
    """The follow-up a token stands for, or None if it is forged, expired or revoked."""
    follow_ups = StepFollowUp.objects.select_related(
        "registration", "card__circle__edition__series"
    )
    return links.object_from_token(token, salt=SALT, queryset=follow_ups)


def update_url(follow_up) -> str:
    path = reverse("steps:personal", kwargs={"token": make_token(follow_up)})
    return settings.SITE_URL + path
