from django.urls import reverse

from klimakreise.circles.models import AssignmentRun
from klimakreise.registrations.links import make_token


def url(name, edition, **kwargs):
    return reverse(f"circles:{name}", kwargs={"slug": edition.slug, **kwargs})


def run_solver(client, edition, **fields):
    data = {"time_limit": 5, "seed": 0, **fields}
    return client.post(url("run", edition), data)


def latest_run(edition) -> AssignmentRun:
    return AssignmentRun.objects.filter(edition=edition).latest("created_at", "id")


# What the confirmation page of lock, publish and unlock posts when the box is ticked.
CONFIRMED = {"confirmed": "on"}


def persona_client(request, client_for, persona, fixed):
    """A client for `persona` on the `fixed` world of tests/circles/conftest.py."""
    if persona == "moderator":
        return client_for(fixed["mona"])
    if persona == "participant":  # Alma, signed in to her circle's workspace by her link
        client = client_for(None)
        workspace = reverse("boards:workspace", kwargs={"pk": fixed["circle_a"].pk})
        client.get(workspace, {"t": make_token(fixed["people"]["a2"])})
        return client
    return client_for(None if persona == "anonymous" else request.getfixturevalue(persona))
