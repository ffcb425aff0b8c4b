"""The demo gives every organization a kind, so the funder report's breakdown by kind of
organization shows something; loading it again changes nothing."""

import pytest

from klimakreise.demo.editions import load_editions
from klimakreise.demo.registrations import load_registrations
from klimakreise.demo.reports import load_organization_kinds
from klimakreise.editions.models import Series
from klimakreise.organizations.models import Organization
from klimakreise.reports.data import gather_series_report

pytestmark = pytest.mark.django_db


def kinds() -> dict[str, str]:
    return dict(Organization.objects.values_list("name", "kind"))


def test_every_demo_organization_has_a_kind_and_a_second_load_changes_nothing():
    ctx = load_editions()
    load_organization_kinds(ctx)
    first = kinds()
    assert first and all(first.values())
    load_organization_kinds(load_editions())
    assert kinds() == first


def test_the_demo_series_report_counts_people_of_several_kinds():
    ctx = load_editions()
    load_organization_kinds(ctx)
    load_registrations(ctx)
    report = gather_series_report(Series.objects.get())
    with_people = [group.key for group in report.participation.by_kind if group.counts.registered]
    assert len(with_people) >= 3
