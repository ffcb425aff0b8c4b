"""A new edition from the previous one: plan copied, people and files left behind."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from klimakreise.editions.models import Edition
from tests.backoffice.factories import AttachmentFactory
from tests.factories import (
    AgendaItemFactory,
    CircleFactory,
    EditionFactory,
    PartnerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def previous(series):
    edition = EditionFactory(
        series=series,
        number=3,
        title="3. Klimakreise",
        slug="klimakreise-2030",
        start=datetime(2030, 11, 8, 15, 0, tzinfo=BERLIN),
        end=datetime(2030, 11, 8, 19, 0, tzinfo=BERLIN),
        status=Edition.Status.DOCUMENTED,
    )
    topics = [TopicFactory(edition=edition) for _ in range(2)]
    AgendaItemFactory(edition=edition, start=edition.start)
    AgendaItemFactory(edition=edition, start=edition.start + timedelta(minutes=45))
    PartnerFactory(edition=edition)
    circle = CircleFactory(topic=topics[0], moderator_name="Erika")
    AttachmentFactory(edition=edition, circle=circle)
    return edition


@pytest.mark.parametrize(
    ("slug", "suggested"),
    [
        ("magdeburg-3", "magdeburg-4"),
        ("klimakreise-3-2030", "klimakreise-4-2031"),
        ("klimakreise-herbst", "klimakreise-herbst-2031"),
    ],
)
def test_the_slug_suggestion_counts_on_the_number_or_the_year(
    client_for, organizer, previous, slug, suggested
):
    previous.slug = slug
    previous.save()
    url = reverse("backoffice:edition_clone", kwargs={"slug": slug})
    assert client_for(organizer).get(url).context["form"].initial["slug"] == suggested


def test_form_is_prefilled_one_year_later(client_for, organizer, previous):
    url = reverse("backoffice:edition_clone", kwargs={"slug": previous.slug})
    initial = client_for(organizer).get(url).context["form"].initial
    assert initial["number"] == 4
    assert initial["title"] == "4. Klimakreise"
    assert initial["slug"] == "klimakreise-2031"
    assert initial["start"] == datetime(2031, 11, 8, 15, 0, tzinfo=BERLIN)
    assert initial["end"] == datetime(2031, 11, 8, 19, 0, tzinfo=BERLIN)


def test_clone_copies_the_plan_and_leaves_people_behind(client_for, organizer, previous):
    url = reverse("backoffice:edition_clone", kwargs={"slug": previous.slug})
    data = {
        "number": 4, "title": "4. Klimakreise", "slug": "klimakreise-2031",
        "start": "2031-11-07T15:00", "end": "2031-11-07T19:00",
    }  # fmt: skip
    response = client_for(organizer).post(url, data)

    clone = Edition.objects.get(slug="klimakreise-2031")
    assert response["Location"] == reverse("backoffice:edition", args=[clone.slug])
    assert clone.status == Edition.Status.DRAFT
    assert clone.previous == previous
    assert clone.series == previous.series
    shift = clone.start - previous.start
    assert shift == timedelta(days=364)
    assert sorted(clone.topics.values_list("title", flat=True)) == sorted(
        previous.topics.values_list("title", flat=True)
    )
    assert [item.start for item in clone.agenda_items.all()] == [
        item.start + shift for item in previous.agenda_items.all()
    ]
    assert clone.partners.count() == 1
    assert not clone.circles.exists()
    assert not clone.attachments.exists()
    # The previous edition keeps everything.
    assert (previous.circles.count(), previous.attachments.count()) == (1, 1)
