"""Size warnings of a proposed circle, in German, with the right grammatical number."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from klimakreise.circles.evaluation import Group, _check_group


def group_of(size: int, *, min_size=6, max_size=12) -> Group:
    topic = SimpleNamespace(min_size=min_size, max_size=max_size)
    rows = [SimpleNamespace(registration=SimpleNamespace(sector_id=None)) for _ in range(size)]
    return Group(circle=SimpleNamespace(topic=topic), rows=rows)


@pytest.mark.parametrize(
    ("size", "warning"),
    [
        (1, "Zu klein: 1 Mitglied, mindestens 6 nötig."),
        (2, "Zu klein: 2 Mitglieder, mindestens 6 nötig."),
    ],
)
def test_a_small_circle_is_named_in_singular_or_plural(size, warning):
    group = group_of(size)
    with translation.override("de"):
        _check_group(group, sectors=[], rules={})
    assert group.warnings == [warning]
