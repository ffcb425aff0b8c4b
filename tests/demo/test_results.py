import pytest

from klimakreise.boards.models import Card, CircleNotes, Dot, DotVote
from klimakreise.demo.editions import load_editions
from klimakreise.demo.results import load_results
from klimakreise.editions.models import Attachment, Documentation, Edition

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Card, CircleNotes, Dot, DotVote, Attachment, Documentation)
    }


def load_editions_and_results() -> None:
    # The foundation plus the results: the other parts have their own tests.
    load_results(load_editions())


def test_demo_publishes_2022_in_full_and_2021_shorter(client):
    load_editions_and_results()
    e2022 = Edition.objects.get(slug="magdeburg-2022")
    e2021 = Edition.objects.get(slug="magdeburg-2021")
    for circle in e2022.circles.all():
        assert circle.cards.filter(column="ideas").count() >= 4
        assert circle.cards.filter(column="next_steps").count() >= 3
        assert circle.attachments.filter(content_type="application/pdf").count() == 1
    assert e2022.attachments.filter(agenda_item__kind="talk").count() == 1
    for circle in e2021.circles.all():
        assert 2 <= circle.cards.count() <= 3
    html = client.get("/e/magdeburg-2022/results/").content.decode()
    assert html.count('<details class="section circle"') == 5
    assert client.get("/e/magdeburg-2021/results/").status_code == 200
    assert "updated-on" not in html


def test_loading_the_demo_twice_gives_the_same_results():
    load_editions_and_results()
    first = counts()
    load_editions_and_results()
    assert counts() == first
    documentation = Documentation.objects.get(edition__slug="magdeburg-2022")
    assert not documentation.updated_after_publishing
