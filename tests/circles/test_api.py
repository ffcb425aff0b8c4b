"""GET /api/v1/editions/{slug}/circles: public, and names only of people who opted in."""

from klimakreise.circles.models import CircleMember
from klimakreise.editions.models import Edition
from tests.circles.factories import register
from tests.factories import CircleFactory, EditionFactory, TopicFactory


def test_circles_list_names_only_people_who_opted_in(
    edition, client, django_assert_max_num_queries
):
    topic = TopicFactory(edition=edition, title="Mobilität", slug="mobilitaet", max_groups=2)
    circle = CircleFactory(topic=topic, index=2)
    listed = register(edition, [topic], name="Lea Öffentlich", public_listing=True)
    hidden = register(edition, [topic], name="Hans Heimlich")
    for person in (listed, hidden):
        CircleMember.objects.create(circle=circle, registration=person)

    with django_assert_max_num_queries(4):
        response = client.get(f"/api/v1/editions/{edition.slug}/circles")

    assert response.status_code == 200
    assert response.json() == [
        {
            "name": "Mobilität B",
            "topic": "mobilitaet",
            "topic_title": "Mobilität",
            "index": 2,
            "size": 2,
            "members": ["Lea Öffentlich"],
            "unlisted_members": 1,
        }
    ]
    assert "Heimlich" not in response.content.decode()


def test_anonymized_people_are_never_named(edition, client):
    from django.utils import timezone

    topic = TopicFactory(edition=edition)
    person = register(edition, [topic], public_listing=True, anonymized_at=timezone.now())
    CircleMember.objects.create(circle=CircleFactory(topic=topic), registration=person)

    body = client.get(f"/api/v1/editions/{edition.slug}/circles").json()

    assert body[0]["members"] == [] and body[0]["unlisted_members"] == 1


def test_draft_editions_have_no_public_circles(client, db):
    draft = EditionFactory(status=Edition.Status.DRAFT)
    CircleFactory(topic__edition=draft)

    assert client.get(f"/api/v1/editions/{draft.slug}/circles").status_code == 404
    assert client.get("/api/v1/editions/unknown/circles").status_code == 404
