from datetime import timedelta

import factory
from django.utils import timezone

from klimakreise.polls.models import DatePoll, PollOption, Vote, Voter
from tests.factories import EditionFactory


class DatePollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DatePoll

    edition = factory.SubFactory(EditionFactory)
    title = "Folgetreffen"


class PollOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PollOption

    poll = factory.SubFactory(DatePollFactory)
    start = factory.Sequence(lambda n: timezone.now() + timedelta(days=60 + n))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=3))


class VoterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Voter

    poll = factory.SubFactory(DatePollFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"waehler{n}@example.org")
    answered_at = factory.LazyFunction(timezone.now)


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    voter = factory.SubFactory(VoterFactory)
    option = factory.SubFactory(PollOptionFactory, poll=factory.SelfAttribute("..voter.poll"))
    answer = Vote.Answer.YES
