"""Bar charts as plain numbers for the templates' server-rendered SVG (no JavaScript)."""

from dataclasses import dataclass

LABEL_WIDTH = 240  # room for the option's text left of its bar
BAR_SPACE = 300  # the longest bar
ROW_HEIGHT = 28
BAR_HEIGHT = 20
LABEL_CHARS = 26  # longer labels are cut in the picture; the table beside it has them whole


@dataclass(frozen=True)
class ChartRow:
    label: str
    count: int
    percent: int
    y: int
    text_y: int
    width: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    rows: list[ChartRow]


def bar_chart(bars) -> Chart:
    """One horizontal bar per option, scaled to the largest count."""
    largest = max((bar.count for bar in bars), default=0) or 1
    rows = [
        ChartRow(
            label=_short(bar.label),
            count=bar.count,
            percent=round(bar.share * 100),
            y=i * ROW_HEIGHT,
            text_y=i * ROW_HEIGHT + BAR_HEIGHT - 5,
            width=round(BAR_SPACE * bar.count / largest),
        )
        for i, bar in enumerate(bars)
    ]
    return Chart(
        width=LABEL_WIDTH + BAR_SPACE + 90,
        height=max(len(rows), 1) * ROW_HEIGHT,
        label_width=LABEL_WIDTH,
        rows=rows,
    )


def report_charts(report) -> dict[int, Chart]:
    """A chart for each question of the report that has bars, by question id."""
    return {q.id: bar_chart(q.bars) for q in report.questions if q.bars}


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
