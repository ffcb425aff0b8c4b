from datetime import timedelta

import pytest
from django.utils import timezone

from tests.polls.factories import DatePollFactory, PollOptionFactory


@pytest.fixture
def english(settings):
    """Pages in English, so assertions on text survive the German translation."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def poll(edition):
    return DatePollFactory(edition=edition, title="Folgetreffen")


@pytest.fixture
def options(poll):
    soon = timezone.now().replace(microsecond=0) + timedelta(days=40)
    return [
        PollOptionFactory(
            poll=poll, start=soon + timedelta(days=i), end=soon + timedelta(days=i, hours=3)
        )
        for i in range(3)
    ]
