"""The report counts people by sector and kind of organization exactly as defined, anonymized
registrations included, and a series' numbers are the sums of its editions'."""

from django.utils import translation

from klimakreise.reports.data import gather_edition_report, gather_series_report
from klimakreise.reports.sections import circles_section
from tests.factories import EditionFactory
from tests.reports.factories import (
    EXPECTED_A_KINDS,
    EXPECTED_A_SECTORS,
    EXPECTED_A_TOTAL,
    EXPECTED_B_TOTAL,
)


def by_key(groups):
    return {group.key: tuple(group.counts.as_list()) for group in groups}


def sector_counts(report, series):
    slugs = {str(sector.pk): sector.slug for sector in series.sectors.all()}
    return {slugs[key]: value for key, value in by_key(report.participation.by_sector).items()}


def test_counts_per_sector_follow_the_definitions(built):
    report = gather_edition_report(built.edition_a)
    assert sector_counts(report, built.series) == EXPECTED_A_SECTORS
    assert tuple(report.participation.total.as_list()) == EXPECTED_A_TOTAL


def test_counts_per_kind_of_organization_include_unknown_and_missing_organizations(built):
    report = gather_edition_report(built.edition_a)
    assert by_key(report.participation.by_kind) == EXPECTED_A_KINDS


def test_an_anonymized_registration_still_counts(built):
    before = gather_edition_report(built.edition_a).participation.total
    built.people[4].delete()  # the anonymized one: registered, checked in
    after = gather_edition_report(built.edition_a).participation.total
    assert (before.registered - after.registered, before.attended - after.attended) == (1, 1)


def test_circles_show_members_and_filled_roles(built):
    circles = {circle.name: circle for circle in gather_edition_report(built.edition_a).circles}
    staffed, plain = circles["Mobilität"], circles["Ernährung"]
    assert (staffed.members, plain.members) == (3, 2)
    assert (staffed.moderation, staffed.expert_input, staffed.note_taking) == (True, True, True)
    assert staffed.moderator_organization == "Radentscheid e.V."
    assert (plain.moderation, plain.expert_input, plain.note_taking) == (False, False, False)


def test_next_steps_count_both_step_columns_but_not_ideas(built):
    steps = gather_edition_report(built.edition_a).next_steps
    assert steps.by_status == {"done": 1, "in_progress": 1, "open": 1, "dropped": 1}
    assert (steps.moving, steps.total, steps.share) == (2, 4, 0.5)


def test_series_totals_are_the_sums_of_its_editions(built):
    report = gather_series_report(built.series)
    editions = report.editions
    assert [e.edition for e in editions] == [built.edition_a, built.edition_b]
    assert tuple(editions[1].participation.total.as_list()) == EXPECTED_B_TOTAL
    for name in ("by_sector", "by_kind"):
        summed = {}
        for edition in editions:
            for key, counts in by_key(getattr(edition.participation, name)).items():
                summed[key] = tuple(
                    a + b for a, b in zip(summed.get(key, (0, 0, 0)), counts, strict=True)
                )
        assert by_key(getattr(report.participation, name)) == summed
    total = tuple(a + b for a, b in zip(EXPECTED_A_TOTAL, EXPECTED_B_TOTAL, strict=True))
    assert tuple(report.participation.total.as_list()) == total
    assert report.next_steps.by_status == {"done": 2, "in_progress": 1, "open": 1, "dropped": 1}
    assert len(report.circles) == 3


def test_a_series_without_editions_has_an_empty_report(series):
    report = gather_series_report(series)
    assert (report.editions, report.circles, report.next_steps.total) == ([], [], 0)


def test_another_series_does_not_count(built):
    EditionFactory()  # another series, with its own edition
    report = gather_series_report(built.series)
    assert len(report.editions) == 2


def test_an_edition_report_reads_in_five_queries_and_a_series_report_in_six(
    built, django_assert_num_queries
):
    # Without a feedback survey: one query each finds none (tests/reports/test_feedback.py).
    with django_assert_num_queries(5):
        gather_edition_report(built.edition_a)
    with django_assert_num_queries(6):
        gather_series_report(built.series)
    for _ in range(3):
        EditionFactory(series=built.series)
    with django_assert_num_queries(6):
        assert len(gather_series_report(built.series).editions) == 5


def test_the_circles_section_counts_staff_by_role(built):
    with translation.override("en"):
        section = circles_section(
            gather_edition_report(built.edition_a).circles, with_edition=False
        )
        assert section.notes[-1] == (
            "2 circles: 1 with moderation, 1 with expert input, 1 with note-taking."
        )
        assert section.tables[0].rows[0][3:] == ["yes (Radentscheid e.V.)", "yes", "yes"]
