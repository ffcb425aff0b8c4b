from datetime import timedelta

import pytest

from klimakreise.editions.models import AgendaItem, Edition
from klimakreise.editions.services import clone_edition
from tests.factories import (
    AgendaItemFactory,
    CircleFactory,
    OrganizationFactory,
    PartnerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_clone_copies_topics_agenda_and_partners_and_links_the_previous_edition(edition):
    topic = TopicFactory(
        edition=edition, title="Stadtgrün", slug="stadtgruen", max_groups=2, input_expert="Eva"
    )
    talk = AgendaItemFactory(
        edition=edition,
        kind="talk",
        speaker="Erika Muster",
        organization=OrganizationFactory(series=edition.series),
        start=edition.start,
    )
    partner = PartnerFactory(edition=edition)
    CircleFactory(topic=topic)
    new_start = edition.start + timedelta(days=365)

    clone = clone_edition(
        edition=edition,
        number=edition.number + 1,
        title="Nächste Klimakreise",
        slug="naechste",
        start=new_start,
        end=new_start + timedelta(hours=3),
    )

    assert clone.previous == edition
    assert clone.status == Edition.Status.DRAFT
    assert [(t.slug, t.max_groups) for t in clone.topics.all()] == [("stadtgruen", 2)]
    assert clone.topics.get().input_expert == "", "people stay with the old edition"
    copied_talk = clone.agenda_items.get()
    assert (copied_talk.title, copied_talk.kind) == (talk.title, "talk")
    assert (copied_talk.speaker, copied_talk.organization) == ("", None)
    assert talk.organization is not None and AgendaItem.objects.get(pk=talk.pk).speaker
    assert copied_talk.start == new_start
    assert clone.partners.get().organization == partner.organization
    assert not clone.circles.exists(), "people and results stay with the old edition"
    assert edition.topics.count() == 1, "the original keeps its own topics"


def test_clone_keeps_the_agenda_at_the_same_local_time_across_summer_time(edition):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    summer = datetime(2022, 5, 17, 15, 0, tzinfo=berlin)
    edition.start, edition.end = summer, summer + timedelta(hours=3)
    edition.get_together_start = summer + timedelta(hours=3, minutes=30)
    edition.save()
    AgendaItemFactory(edition=edition, start=summer + timedelta(minutes=45))
    winter = datetime(2027, 3, 5, 15, 0, tzinfo=berlin)

    clone = clone_edition(
        edition=edition,
        number=9,
        title="Winter",
        slug="winter",
        start=winter,
        end=winter + timedelta(hours=3),
    )

    assert clone.agenda_items.get().start.astimezone(berlin).time().isoformat() == "15:45:00"
    assert clone.get_together_start.astimezone(berlin).time().isoformat() == "18:30:00"


def test_clone_keeps_topics_that_must_run_and_forgets_which_did_not_take_place(edition):
    TopicFactory(edition=edition, slug="energie", max_groups=2, min_groups=1)
    TopicFactory(edition=edition, slug="wald", cancelled=True)

    clone = clone_edition(
        edition=edition,
        number=edition.number + 1,
        title="Nächste",
        slug="naechste",
        start=edition.start + timedelta(days=365),
        end=edition.start + timedelta(days=365, hours=3),
    )

    copied = {t.slug: (t.min_groups, t.cancelled) for t in clone.topics.all()}
    assert copied == {"energie": (1, False), "wald": (0, False)}
