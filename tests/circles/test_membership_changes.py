"""A locked assignment stays manageable: organizers move, add and remove members; cancellations
free the seat; emails, workspace access and the circles API follow every change."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from klimakreise.circles.models import AssignmentRun, CircleMember, MembershipChange
from klimakreise.circles.services import (
    ActionRefused,
    add_member,
    move_member,
    publish_run,
    remove_member,
    unfix_assignment,
)
from klimakreise.editions.models import Documentation, Topic
from klimakreise.editions.services import mark_cancelled_topics
from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations.links import make_token
from klimakreise.registrations.services import cancel_registration
from tests.circles.factories import register
from tests.circles.helpers import CONFIRMED, url
from tests.factories import TopicFactory


def member_of(person) -> CircleMember:
    return CircleMember.objects.select_related("circle__edition", "registration").get(
        registration=person
    )


def api_sizes(client, edition) -> dict[str, int]:
    circles = client.get(f"/api/v1/editions/{edition.slug}/circles").json()
    return {circle["name"]: circle["size"] for circle in circles}


def test_an_organizer_moves_a_member_and_the_history_keeps_reason_and_actor(
    fixed, edition, organizer, client_for
):
    client = client_for(organizer)
    arne = member_of(fixed["people"]["a1"])

    response = client.post(
        url("move_member", edition, pk=arne.pk),
        {"move-circle": fixed["circle_b"].pk, "move-reason": "Wunsch getauscht"},
        follow=True,
    )

    assert member_of(fixed["people"]["a1"]).circle == fixed["circle_b"]
    change = MembershipChange.objects.get()
    assert (change.kind, change.reason, change.actor) == ("moved", "Wunsch getauscht", organizer)
    assert (change.from_circle, change.to_circle) == (fixed["circle_a"], fixed["circle_b"])
    page = response.content.decode()
    assert "Arne Eins is now in Energie." in page
    assert "Too small: 2 members, at least 3 needed." in page
    assert "Too large: 4 members, at most 3 allowed." in page


def test_the_size_warning_uses_the_singular_for_one_member(fixed, edition, organizer, client_for):
    for key in ("a1", "a2"):
        remove_member(member=member_of(fixed["people"][key]), actor=organizer)

    assert "Too small: 1 member, at least 3 needed." in members_page(client_for(organizer), edition)


def members_page(client, edition, **query) -> str:
    return client.get(url("members", edition), query).content.decode()


def test_changes_before_publishing_send_no_email(fixed, organizer):
    move_member(
        member=member_of(fixed["people"]["a1"]), to_circle=fixed["circle_b"], actor=organizer
    )

    assert not OutboxEmail.objects.exists()


def test_after_publishing_a_move_emails_the_person_and_the_moderator_once(fixed, organizer):
    publish_run(run=fixed["run"])
    before = OutboxEmail.objects.count()
    arne = fixed["people"]["a1"]

    move_member(member=member_of(arne), to_circle=fixed["circle_b"], actor=organizer, reason="Zeit")
    publish_run(run=fixed["run"])  # publishing again sends the moved person nothing new

    new = OutboxEmail.objects.order_by("pk")[before:]
    assert sorted(email.to for email in new) == sorted([arne.email, fixed["mona"].email])
    to_arne = next(email for email in new if email.to == arne.email)
    assert "Mobilität" in to_arne.text and "Energie" in to_arne.text and "Zeit" in to_arne.text
    assert to_arne.subject.startswith("Ihr neuer Kreis")  # Arne registered in German
    assert "Energie" in to_arne.html and "<html" in to_arne.html
    to_mona = next(email for email in new if email.to == fixed["mona"].email)
    assert "Arne Eins" in to_mona.text and "2 members" in to_mona.text


def test_publishing_again_does_not_tell_an_added_member_a_second_time(fixed, edition, organizer):
    publish_run(run=fixed["run"])
    late = register(edition, [fixed["a"]], name="Lena Spät")
    add_member(registration=late, circle=fixed["circle_a"], actor=organizer)

    publish_run(run=fixed["run"])

    assert OutboxEmail.objects.filter(to=late.email).count() == 1


def test_a_removed_member_loses_the_workspace_and_an_added_one_gets_it(
    fixed, edition, organizer, client_for
):
    publish_run(run=fixed["run"])
    arne = fixed["people"]["a1"]
    circle = fixed["circle_a"]
    visitor = client_for(None)
    workspace = reverse("boards:workspace", kwargs={"pk": circle.pk})
    visitor.get(workspace, {"t": make_token(arne)})
    assert visitor.get(workspace).status_code == 200

    remove_member(member=member_of(arne), actor=organizer, reason="Doppelt angemeldet")

    assert visitor.get(workspace).status_code == 403
    assert "Doppelt angemeldet" in OutboxEmail.objects.filter(to=arne.email).latest("pk").text
    add_member(registration=arne, circle=fixed["circle_b"], actor=organizer)
    email = OutboxEmail.objects.filter(to=arne.email).latest("pk")
    link = re.search(r"http://[^/\s]+(/circles/(\d+)/\?t=\S+)", email.text)
    assert int(link.group(2)) == fixed["circle_b"].pk
    newcomer = client_for(None)
    assert newcomer.get(link.group(1), follow=True).status_code == 200


def test_the_circles_api_follows_every_change(fixed, edition, organizer, client):
    assert api_sizes(client, edition) == {"Mobilität": 3, "Energie": 3}

    move_member(
        member=member_of(fixed["people"]["a1"]), to_circle=fixed["circle_b"], actor=organizer
    )
    assert api_sizes(client, edition) == {"Mobilität": 2, "Energie": 4}
    remove_member(member=member_of(fixed["people"]["b1"]), actor=organizer)
    assert api_sizes(client, edition) == {"Mobilität": 2, "Energie": 3}


def test_a_cancellation_frees_the_seat_warns_and_tells_the_moderator(
    fixed, edition, organizer, client_for, client
):
    publish_run(run=fixed["run"])
    alma = fixed["people"]["a2"]

    cancel_registration(registration=alma)

    assert not CircleMember.objects.filter(registration=alma).exists()
    assert api_sizes(client, edition)["Mobilität"] == 2
    assert MembershipChange.objects.get().kind == MembershipChange.Kind.CANCELLED
    notice = OutboxEmail.objects.filter(to=fixed["mona"].email).latest("pk")
    assert "Alma Zwei" in notice.text
    assert "Too small: 2 members" in members_page(client_for(organizer), edition)
    personal = client.get(reverse("registrations:personal", args=[make_token(alma)]))
    assert f"/circles/{fixed['circle_a'].pk}/" not in personal.content.decode()


def test_a_late_sign_up_is_unassigned_with_a_suggestion_confirmed_in_one_click(
    fixed, edition, organizer, client_for
):
    late = register(edition, [fixed["b"], fixed["a"]], name="Lena Spät")
    fixed["b"].max_size = 4  # room for one more in Energie
    fixed["b"].save()
    client = client_for(organizer)

    overview = client.get(url("assignment", edition)).content.decode()
    first = client.get(url("members", edition)).content.decode()
    suggested = client.get(url("members", edition), {"suggest": 1}).content.decode()

    assert "1 registered person has no circle" in overview
    assert "Lena Spät" in first and "Suggest circles" in first
    assert "Confirm: Energie" in suggested
    client.post(
        url("add_member", edition),
        {"registration": late.pk, "circle": fixed["circle_b"].pk, "suggested": "1"},
    )
    assert member_of(late).circle == fixed["circle_b"]
    assert MembershipChange.objects.latest("pk").kind == MembershipChange.Kind.SUGGESTION


def test_a_person_moved_up_from_the_waitlist_after_locking_has_no_circle_yet(
    fixed, edition, organizer, client_for
):
    edition.capacity = 6
    edition.save()
    waiting = register(edition, [fixed["a"]], name="Wanda Warteliste", status="waitlisted")

    cancel_registration(registration=fixed["people"]["a1"])

    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert not CircleMember.objects.filter(registration=waiting).exists()
    page = members_page(client_for(organizer), edition, suggest=1)
    assert "Wanda Warteliste" in page and "Confirm: Mobilität" in page


def test_adding_refuses_people_with_a_circle_and_people_on_the_waitlist(fixed, edition, organizer):
    waiting = register(edition, [fixed["a"]], status="waitlisted")

    with pytest.raises(ActionRefused):
        add_member(registration=fixed["people"]["a1"], circle=fixed["circle_b"], actor=organizer)
    with pytest.raises(ActionRefused):
        add_member(registration=waiting, circle=fixed["circle_b"], actor=organizer)
    assert not MembershipChange.objects.exists()


def test_unlocking_keeps_the_changes_as_a_proposal(fixed, edition, organizer, client_for):
    arne = fixed["people"]["a1"]
    move_member(member=member_of(arne), to_circle=fixed["circle_b"], actor=organizer)
    client = client_for(organizer)

    unchanged = client.post(url("unfix", edition), {})
    assert unchanged.status_code == 400 and CircleMember.objects.count() == 6
    client.post(url("unfix", edition), {**CONFIRMED, "reason": "Neue Themen"})

    run = AssignmentRun.objects.get(pk=fixed["run"].pk)
    assert run.status == AssignmentRun.Status.PROPOSED
    assert not CircleMember.objects.exists()
    placement = run.placements.get(registration=arne)
    assert (placement.topic, placement.source) == (fixed["b"], "manual")
    assert MembershipChange.objects.latest("pk").reason == "Neue Themen"


def test_unlocking_is_refused_after_publishing(fixed, edition, organizer, client_for):
    publish_run(run=fixed["run"])

    with pytest.raises(ActionRefused, match="is published"):
        unfix_assignment(edition=edition, actor=organizer)
    page = client_for(organizer).post(url("unfix", edition), CONFIRMED, follow=True)

    assert "Move, add or remove members instead" in page.content.decode()
    assert CircleMember.objects.count() == 6


def test_once_the_results_are_published_members_no_longer_change(fixed, edition, organizer):
    Documentation.objects.create(
        edition=edition, status=Documentation.Status.PUBLISHED, published_at=timezone.now()
    )
    edition.refresh_from_db()
    arne = member_of(fixed["people"]["a1"])

    with pytest.raises(ActionRefused, match="results of this edition are published"):
        move_member(member=arne, to_circle=fixed["circle_b"], actor=organizer)
    assert member_of(fixed["people"]["a1"]).circle == fixed["circle_a"]


def test_removing_a_member_someone_else_just_moved_is_refused(fixed, organizer):
    seen = member_of(fixed["people"]["a1"])  # as the second organizer's page showed her
    move_member(
        member=member_of(fixed["people"]["a1"]), to_circle=fixed["circle_b"], actor=organizer
    )

    with pytest.raises(ActionRefused, match="in the meantime"):
        remove_member(member=seen, actor=organizer)
    assert member_of(fixed["people"]["a1"]).circle == fixed["circle_b"]


def test_unlocking_lets_every_topic_take_place_again(fixed, edition, organizer):
    unopened = TopicFactory(edition=edition, title="Wald", slug="wald")
    mark_cancelled_topics(
        edition=edition, running_topic_ids=[fixed["a"].pk, fixed["b"].pk]
    )  # as locking decided: Wald got no circle
    assert Topic.objects.get(pk=unopened.pk).cancelled

    unfix_assignment(edition=edition, actor=organizer)

    assert not Topic.objects.filter(edition=edition, cancelled=True).exists()


def test_once_the_results_are_published_the_members_page_offers_no_changes(
    fixed, edition, organizer, client_for
):
    address = url("members", edition)
    assert "/move/" in client_for(organizer).get(address).content.decode()
    Documentation.objects.create(
        edition=edition, status=Documentation.Status.PUBLISHED, published_at=timezone.now()
    )

    page = client_for(organizer).get(address).content.decode()

    assert "its circles no longer change" in page
    assert "/move/" not in page and "/remove/" not in page and "/moderator/" not in page
    assert "Alma Zwei" in page  # the lists still show who was in which circle
