"""A voter's own link: a signed, expiring and revocable token that stands in for an account,
the way registrations.links does it for participants (bumping link_version revokes)."""

from django.conf import settings
from django.urls import reverse

from klimakreise.core import links
from klimakreise.polls.models import DatePoll, Voter

SALT = "klimakreise.polls.voter-link"


def make_token(voter: Voter) -> str:
    return links.make_token(voter, salt=SALT)


def voter_from_token(token: str) -> Voter | None:
    """The voter a token stands for, or None if it is forged, expired or revoked."""
    voters = Voter.objects.select_related("poll__edition__series")
    return links.object_from_token(token, salt=SALT, queryset=voters)


def voter_path(voter: Voter) -> str:
    return reverse("polls:vote", kwargs={"token": make_token(voter)})


def voter_url(voter: Voter) -> str:
    return settings.SITE_URL + voter_path(voter)


def share_url(poll: DatePoll) -> str:
    return settings.SITE_URL + reverse("polls:join", kwargs={"key": poll.share_key})
