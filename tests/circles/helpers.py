from django.urls import reverse

from klimakreise.circles.models import AssignmentRun


def url(name, edition, **kwargs):
    return reverse(f"circles:{name}", kwargs={"slug": edition.slug, **kwargs})


def run_solver(client, edition, **fields):
    data = {"time_limit": 5, "seed": 0, **fields}
    return client.post(url("run", edition), data)


def latest_run(edition) -> AssignmentRun:
    return AssignmentRun.objects.filter(edition=edition).latest("created_at", "id")


# What the confirmation page of lock, publish and unlock posts when the box is ticked.
CONFIRMED = {"confirmed": "on"}
