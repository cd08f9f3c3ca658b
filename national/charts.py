"""The national view's chart, laid out here and drawn by the template as inline SVG.

No JavaScript and no style attributes (the Content-Security-Policy allows styles from files
only): the template places shapes at the coordinates worked out here, and the classes it gives
them are styled in static/css/national.css.
"""

from __future__ import annotations

from dataclasses import dataclass

from national.selectors import NOT_ENOUGH_DATA, PanelFigures

WIDTH = 640
LABEL_WIDTH = 240  # the panel names, right-aligned against the bars
BAR_AREA = 340
ROW_HEIGHT = 32
BAR_HEIGHT = 20
TOP = 28  # room for the axis labels
TICKS = (0, 25, 50, 75, 100)
LABEL_CHARACTERS = 30  # what fits in LABEL_WIDTH at the chart's type size; the table has the rest


@dataclass(frozen=True)
class ChartRow:
    label: str
    full_label: str
    value_text: str
    incomplete: bool
    bar_y: int
    text_y: int
    bar_width: int  # 0 when the panel has no rate to show
    value_x: int


@dataclass(frozen=True)
class Tick:
    x: int
    label: str


@dataclass(frozen=True)
class OnTimeChart:
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_area: int
    bar_height: int
    axis_bottom: int
    rows: tuple[ChartRow, ...]
    ticks: tuple[Tick, ...]
    description: str


def _shortened(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def on_time_chart(figures: list[PanelFigures]) -> OnTimeChart:
    """A horizontal bar per panel of its on-time rate; a panel with little recorded gets no
    bar, only the words "not enough data", so that it cannot be read as a good result."""
    rows = []
    for index, row in enumerate(figures):
        top = TOP + index * ROW_HEIGHT
        percent = row.on_time_percent
        bar_width = 0 if percent is None else round(BAR_AREA * percent / 100)
        rows.append(
            ChartRow(
                label=_shortened(row.panel.short_name),
                full_label=row.panel.short_name,
                value_text=(
                    f"{NOT_ENOUGH_DATA} (little recorded)"
                    if row.little_recorded
                    else row.on_time_text
                ),
                incomplete=percent is None,
                bar_y=top + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                text_y=top + ROW_HEIGHT // 2 + 5,
                bar_width=bar_width,
                value_x=LABEL_WIDTH + bar_width + 6,
            )
        )
    axis_bottom = TOP + len(rows) * ROW_HEIGHT
    described = "; ".join(f"{row.full_label}: {row.value_text}" for row in rows)
    return OnTimeChart(
        width=WIDTH,
        height=axis_bottom + 8,
        label_x=LABEL_WIDTH - 8,
        bar_x=LABEL_WIDTH,
        bar_area=BAR_AREA,
        bar_height=BAR_HEIGHT,
        axis_bottom=axis_bottom,
        rows=tuple(rows),
        ticks=tuple(Tick(LABEL_WIDTH + BAR_AREA * t // 100, f"{t}%") for t in TICKS),
        description=(
            "Requests answered on time, as a share of those answered or overdue, one bar per "
            f"panel. {described}. The table gives the same figures."
        ),
    )
