"""The report as sections of tables: what the page, the PDF and the XLSX file all show.

Each renderer only walks `Section`s and `Table`s, so a new section is one function here that
returns a `Section`, added to `edition_sections` / `series_sections`.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from klimakreise.boards.models import Card
from klimakreise.feedback.summary import FeedbackSummary, OverallRating
from klimakreise.reports.data import (
    CircleStaff,
    EditionReport,
    Group,
    NextSteps,
    Participation,
    SeriesReport,
)
from klimakreise.reports.protection import SMALL, protect, total_cell


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list]  # str, int or protection.Cell; the first cell names the row
    footer: list | None = None  # the total row, if any


@dataclass(frozen=True)
class Section:
    key: str  # the HTML id and, shortened, the name of the XLSX sheet
    title: str
    notes: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def edition_sections(report: EditionReport) -> list[Section]:
    return [
        participation_section(report.participation),
        circles_section(report.circles, with_edition=False),
        next_steps_section(report.next_steps),
        feedback_section(report.feedback),
    ]


def series_sections(report: SeriesReport) -> list[Section]:
    return [
        participation_section(report.participation),
        editions_section(report.editions),
        circles_section(report.circles, with_edition=True),
        next_steps_section(report.next_steps),
        series_feedback_section(report.editions, report.feedback),
    ]


def count_header() -> list[str]:
    return [_("Registered"), _("Confirmed"), _("Attended")]


def participation_section(participation: Participation) -> Section:
    return Section(
        key="participation",
        title=_("Participation"),
        notes=[
            _(
                "Registered: every confirmed sign-up, including the waitlist and people who "
                "cancelled later. Confirmed: holds a place now. Attended: checked in at the event."
            ),
            _(
                "Counts of 1 to %(largest)d people are shown as “< %(small)d”; where a column "
                "would reveal one of them through its total, a second count shows “hidden”."
            )
            % {"largest": SMALL - 1, "small": SMALL},
        ],
        tables=[
            _breakdown(_("By sector"), _("Sector"), participation.by_sector, participation),
            _breakdown(
                _("By kind of organization"),
                _("Kind of organization"),
                participation.by_kind,
                participation,
            ),
        ],
    )


def _breakdown(caption: str, label: str, groups: list[Group], part: Participation) -> Table:
    cells = protect([group.counts.as_list() for group in groups])
    return Table(
        caption=caption,
        header=[label, *count_header()],
        rows=[[group.label, *row] for group, row in zip(groups, cells, strict=True)],
        footer=[_("Total"), *(total_cell(value) for value in part.total.as_list())],
    )


def editions_section(reports: list[EditionReport]) -> Section:
    cells = protect([report.participation.total.as_list() for report in reports])
    rows = [
        [
            report.edition.title,
            date_format(report.edition.start, "SHORT_DATE_FORMAT"),
            *counts,
            len(report.circles),
            share_text(report.next_steps),
        ]
        for report, counts in zip(reports, cells, strict=True)
    ]
    return Section(
        key="editions",
        title=_("Editions"),
        notes=[] if reports else [_("This series has no editions yet.")],
        tables=[
            Table(
                caption=_("Key numbers per edition"),
                header=[
                    _("Edition"),
                    _("Date"),
                    *count_header(),
                    _("Circles"),
                    _("Next steps done or in progress"),
                ],
                rows=rows,
            )
        ]
        if reports
        else [],
    )


def staff_text(filled: bool, organization: str = "") -> str:
    if not filled:
        return _("no")
    return (
        _("yes (%(organization)s)") % {"organization": organization} if organization else _("yes")
    )


def circles_section(circles: list[CircleStaff], *, with_edition: bool) -> Section:
    header = [_("Circle"), _("Topic"), _("Members"), _("Moderation"), _("Expert input")]
    header.append(_("Note-taking"))
    rows = [
        [
            circle.name,
            *([circle.edition_title] if with_edition else []),
            circle.topic,
            circle.members,
            staff_text(circle.moderation, circle.moderator_organization),
            staff_text(circle.expert_input),
            staff_text(circle.note_taking),
        ]
        for circle in circles
    ]
    notes = [
        _(
            "Staff are shown by role only; a moderator chosen from the sign-ups is shown with "
            "the organization they signed up for."
        )
    ]
    if circles:
        notes.append(
            _(
                "%(circles)d circles: %(moderation)d with moderation, %(expert)d with expert "
                "input, %(notes)d with note-taking."
            )
            % {
                "circles": len(circles),
                "moderation": sum(circle.moderation for circle in circles),
                "expert": sum(circle.expert_input for circle in circles),
                "notes": sum(circle.note_taking for circle in circles),
            }
        )
    else:
        notes.append(_("There are no circles yet."))
    return Section(
        key="circles",
        title=_("Circles and their staff"),
        notes=notes,
        tables=[
            Table(
                caption=_("Circles"),
                header=[header[0], *([_("Edition")] if with_edition else []), *header[1:]],
                rows=rows,
            )
        ]
        if circles
        else [],
    )


def share_text(steps: NextSteps) -> str:
    if steps.share is None:
        return "–"
    return _("%(percent)d %%") % {"percent": round(steps.share * 100)}


def next_steps_section(steps: NextSteps) -> Section:
    if steps.total:
        summary = _(
            "%(moving)d of %(total)d next steps and responsibilities are done or in progress "
            "(%(share)s)."
        ) % {"moving": steps.moving, "total": steps.total, "share": share_text(steps)}
    else:
        summary = _("The circles have not written down next steps yet.")
    return Section(
        key="next-steps",
        title=_("Next steps"),
        notes=[summary],
        tables=[
            Table(
                caption=_("Next steps and responsibilities by status"),
                header=[_("Status"), _("Cards")],
                rows=[
                    [label, steps.by_status.get(status, 0)] for status, label in Card.Status.choices
                ],
                footer=[_("Total"), steps.total],
            )
        ]
        if steps.total
        else [],
    )


def feedback_section(summary: FeedbackSummary | None) -> Section:
    """The survey's aggregates: counts per option or scale value, free texts only counted, and
    nothing for a question (or a survey) with fewer than 3 answers."""
    if summary is None:
        return Section(key="feedback", title=_("Feedback"), notes=[_("No feedback survey.")])
    notes = [_("%(count)d people answered the feedback survey.") % {"count": summary.responses}]
    tables = []
    for question in summary.questions:
        if question.hidden:
            notes.append(_("%(question)s: fewer than 3 answers.") % {"question": question.text})
        elif question.kind == "text":
            notes.append(
                _("%(question)s: %(count)d written answers (in the survey's report).")
                % {"question": question.text, "count": question.answers}
            )
        else:
            tables.append(_question_table(question))
    return Section(key="feedback", title=_("Feedback"), notes=notes, tables=tables)


def _question_table(question) -> Table:
    footer = None
    if question.mean is not None:
        footer = [_("Mean"), number_format(round(question.mean, 1), 1)]
    # Counts of 1 or 2 are shown as "< 3", as everywhere in the report.
    cells = protect([[bar.count] for bar in question.bars])
    return Table(
        caption=question.text,
        header=[_("Answer"), _("Answers")],
        rows=[[bar.label, cell] for bar, [cell] in zip(question.bars, cells, strict=True)],
        footer=footer,
    )


def series_feedback_section(
    reports: list[EditionReport], ratings: dict[int, OverallRating]
) -> Section:
    rows = []
    for report in reports:
        rating = ratings.get(report.edition.pk)
        if rating is None:
            continue
        mean = "–" if rating.mean is None else number_format(round(rating.mean, 1), 1)
        rows.append([report.edition.title, rating.responses, mean])
    table = Table(
        caption=_("Feedback per edition"),
        header=[_("Edition"), _("Responses"), _("Overall rating (mean)")],
        rows=rows,
    )
    return Section(
        key="feedback",
        title=_("Feedback"),
        notes=[_("A mean is shown only with at least 3 answers.")]
        if rows
        else [_("No feedback survey.")],
        tables=[table] if rows else [],
    )
