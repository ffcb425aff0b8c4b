"""People answer without an account: by their own signed link or by the shared link (with a
name); they can change their answers; the pages show totals, never other people's names."""

import pytest
from django.urls import reverse

from klimakreise.outbox.models import OutboxEmail
from klimakreise.polls.forms import NAME_WITH_LINK, POLL_CLOSED
from klimakreise.polls.links import make_token, voter_path
from klimakreise.polls.models import COMMENT_MAX_LENGTH, Vote, Voter
from klimakreise.polls.voter_views import LINK_SENT
from tests.core.test_no_500_on_any_text import form_body
from tests.polls.factories import VoteFactory, VoterFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def answers(options, *values, comment=""):
    data = {f"option_{o.pk}": v for o, v in zip(options, values, strict=True)}
    return {**data, "comment": comment}


def stored(voter):
    return dict(Vote.objects.filter(voter=voter).values_list("option_id", "answer"))


def join_url(poll):
    return reverse("polls:join", kwargs={"key": poll.share_key})


def test_an_invited_person_answers_and_changes_the_answers(client, poll, options):
    voter = VoterFactory(poll=poll, answered_at=None)
    url = voter_path(voter)

    first = client.post(url, answers(options, "yes", "maybe", "no", comment="Nachmittags"))
    client.post(url, answers(options, "no", "yes", "yes"))

    assert first.status_code == 302
    assert stored(voter) == {options[0].pk: "no", options[1].pk: "yes", options[2].pk: "yes"}
    voter.refresh_from_db()
    assert voter.answered_at is not None and voter.comment == ""
    page = client.get(url)
    assert page.context["form"][f"option_{options[1].pk}"].initial == "yes"


def test_someone_with_the_shared_link_answers_with_a_name_and_gets_an_own_link(
    client, poll, options
):
    response = client.post(
        join_url(poll), {"name": "Carla Gast", **answers(options, "yes", "no", "maybe")}
    )

    voter = Voter.objects.get(poll=poll)
    assert voter.name == "Carla Gast" and voter.answered_at is not None
    assert response.status_code == 302
    assert response["Location"] == reverse("polls:vote", kwargs={"token": make_token(voter)})
    assert stored(voter)[options[2].pk] == "maybe"
    page = client.get(response["Location"])
    assert b"Your own link to this page" in page.content


def test_with_an_address_the_own_link_comes_by_email_and_the_page_does_not_show_it(
    client, poll, options
):
    data = {"name": "Carla Gast", "email": "carla@example.org"}

    response = client.post(join_url(poll), {**data, **answers(options, "yes", "no", "maybe")})

    voter = Voter.objects.get(poll=poll)
    assert stored(voter)[options[2].pk] == "maybe"
    assert response.status_code == 302 and response["Location"] == join_url(poll)
    assert [str(m) for m in response.wsgi_request._messages] == [str(LINK_SENT)]
    mail = OutboxEmail.objects.get(to="carla@example.org")
    assert make_token(voter) in mail.text
    # A name typed by anyone is not put into an email to the address typed with it.
    assert mail.text.startswith("Hello,") and "Carla Gast" not in mail.text + mail.html


def test_the_shared_link_mails_an_address_once_per_poll_and_answers_the_same(
    client_for, poll, options
):
    spam = {"name": "Gewinnen Sie jetzt", **answers(options, "yes", "yes", "yes")}
    addresses = ["victim@example.net", "Victim@Example.NET", "victim@example.net"]

    responses = [
        client_for(None).post(join_url(poll), {**spam, "email": address}) for address in addresses
    ]

    assert OutboxEmail.objects.filter(to__iexact="victim@example.net").count() == 1
    assert Voter.objects.filter(poll=poll).count() == 1
    assert {(r.status_code, r["Location"]) for r in responses} == {(302, join_url(poll))}
    for response in responses:
        assert [str(m) for m in response.wsgi_request._messages] == [str(LINK_SENT)]


def test_an_invited_persons_address_at_the_shared_link_makes_no_voter_and_no_email(
    client, poll, options
):
    invited = VoterFactory(poll=poll, email="ada@example.org", answered_at=None)
    sent = {"name": "Jemand", "email": "ADA@example.org", **answers(options, "no", "no", "no")}

    response = client.post(join_url(poll), sent)

    assert list(Voter.objects.filter(poll=poll)) == [invited]
    assert not OutboxEmail.objects.exists() and not stored(invited)
    assert [str(m) for m in response.wsgi_request._messages] == [str(LINK_SENT)]


@pytest.mark.parametrize(
    "name", ["Gewinnen Sie jetzt: http://evil.example", "Preis auf WWW.evil.example"]
)
def test_a_name_with_a_web_address_is_refused_on_the_name_field(client, poll, options, name):
    sent = {"name": name, "email": "victim@example.net", **answers(options, "yes", "no", "no")}

    response = client.post(join_url(poll), sent)

    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [str(NAME_WITH_LINK)]
    assert not Voter.objects.exists() and not OutboxEmail.objects.exists()


def test_the_shared_link_needs_a_name_and_an_answer_for_each_date(client, poll, options):
    sent = answers(options, "yes", "no", "maybe")
    del sent[f"option_{options[1].pk}"]

    response = client.post(join_url(poll), {"name": "", **sent})

    assert response.status_code == 400
    form = response.context["form"]
    assert "name" in form.errors and f"option_{options[1].pk}" in form.errors
    assert not Voter.objects.exists()


def test_an_answer_that_is_no_choice_and_an_overlong_comment_are_refused(client, poll, options):
    voter = VoterFactory(poll=poll, answered_at=None)
    sent = answers(options, "yes", "perhaps", "no", comment="x" * (COMMENT_MAX_LENGTH + 1))

    response = client.post(voter_path(voter), sent)

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {f"option_{options[1].pk}", "comment"}
    assert not Vote.objects.exists()


def test_the_voter_page_shows_totals_but_no_other_names_or_comments(client, poll, options):
    other = VoterFactory(poll=poll, name="Zoe Geheim", comment="Nur vormittags")
    VoteFactory(voter=other, option=options[0], answer="yes")
    me = VoterFactory(poll=poll, name="Ich Selbst")

    for page in (client.get(voter_path(me)), client.get(join_url(poll))):
        assert page.status_code == 200
        assert b"Zoe Geheim" not in page.content and b"Nur vormittags" not in page.content
        assert page.context["totals"][0][1].yes == 1
        assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


@pytest.mark.parametrize("token", ["gibt-es-nicht", "eyJ.kaputt:1abc:def"])
def test_an_unknown_or_forged_link_is_404(client, poll, token):
    response = client.get(reverse("polls:vote", kwargs={"token": token}))

    assert response.status_code == 404
    assert b"This link does not work" in response.content


def test_a_revoked_link_and_an_unknown_share_key_are_404(client, poll, options):
    voter = VoterFactory(poll=poll)
    old = voter_path(voter)
    Voter.objects.filter(pk=voter.pk).update(link_version=2)

    assert client.get(old).status_code == 404
    assert client.get(reverse("polls:join", kwargs={"key": "gibt-es-nicht"})).status_code == 404


def test_answering_a_closed_poll_is_refused_with_a_message(client, poll, options):
    voter = VoterFactory(poll=poll)
    VoteFactory(voter=voter, option=options[0], answer="no")
    poll.status, poll.closed_at, poll.picked_option = "closed", poll.created_at, options[0]
    poll.save()

    by_link = client.post(voter_path(voter), answers(options, "yes", "yes", "yes"))
    shared = client.post(join_url(poll), {"name": "Spät", **answers(options, "yes", "yes", "no")})

    assert by_link.status_code == shared.status_code == 409
    assert str(POLL_CLOSED).encode() in by_link.content
    assert stored(voter) == {options[0].pk: "no"}
    assert Voter.objects.count() == 1
    assert b"The date picked" in client.get(voter_path(voter)).content


def test_too_many_answers_by_the_shared_link_from_one_address_are_refused(
    client, settings, poll, options
):
    settings.KLIMAKREISE_POLL_RATE = (
        "2/d"  # a day-long window: a minute boundary mid-test cannot reset it
    )
    sent = {"name": "Bot", **answers(options, "yes", "yes", "yes")}

    responses = [client.post(join_url(poll), sent) for _ in range(3)]

    assert [r.status_code for r in responses] == [302, 302, 429]
    assert b"Too many answers" in responses[2].content
    assert Voter.objects.count() == 2


@pytest.mark.parametrize("nasty", ["\x00", "\ud800", "\x1b"])
def test_control_characters_and_lone_surrogates_are_refused_not_a_server_error(
    client, poll, options, nasty
):
    sent = {"name": f"Ada{nasty}", **answers(options, "yes", "no", nasty), "comment": nasty}

    body = form_body(sent)  # as a browser or script would send it: the test client cannot

    response = client.post(join_url(poll), body, "application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert {"name", "comment"} <= set(response.context["form"].errors)
    assert not Voter.objects.exists()
