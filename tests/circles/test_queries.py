"""The proposal and overview pages cost the same number of queries for 20 or 60 people."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klimakreise.circles.services import run_assignment
from tests.circles.factories import register
from tests.circles.helpers import url
from tests.factories import TopicFactory


def edition_with(edition, count):
    topics = [
        TopicFactory(edition=edition, min_size=2, max_size=12, max_groups=2) for _ in range(3)
    ]
    sectors = ["verwaltung", "zivilgesellschaft", "unternehmen"]
    for n in range(count):
        wishes = topics[n % 3 :] + topics[: n % 3]
        register(edition, wishes, sector=sectors[n % 3], organization_name=f"Verein {n}")
    return run_assignment(
        edition=edition, user=None, minimums={"verwaltung": 1}, time_limit=5, seed=0
    )


def queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["proposal", "assignment"])
def test_query_count_does_not_grow_with_participants(series, organizer, client_for, page):
    from tests.factories import EditionFactory

    client = client_for(organizer)
    counts = []
    for size in (20, 60):
        edition = EditionFactory(series=series)
        run = edition_with(edition, size)
        address = url("proposal", edition, pk=run.pk) if page == "proposal" else url(page, edition)
        counts.append(queries(client, address))

    assert counts[0] == counts[1]
