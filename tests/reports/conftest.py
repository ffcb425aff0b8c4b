import pytest

from tests.reports.factories import build_world


@pytest.fixture
def built(series):
    return build_world(series)
