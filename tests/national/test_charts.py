"""The chart's layout: bar lengths, the panels without a rate, and long names."""

from __future__ import annotations

from core.models import Panel
from national.charts import BAR_AREA, LABEL_CHARACTERS, on_time_chart
from national.selectors import PanelFigures


def figures(short_name: str, on_time: int, rate_base: int, gaps: tuple[str, ...] = ()):
    return PanelFigures(
        panel=Panel(short_name=short_name),
        home_url="/",
        meetings_held=6,
        meetings_last_year=6,
        requests=rate_base,
        answered=rate_base,
        on_time=on_time,
        overdue=0,
        rate_base=rate_base,
        median_days=10,
        gaps=gaps,
    )


def test_bars_are_as_long_as_the_rate_and_thin_records_get_none():
    chart = on_time_chart(
        [figures("Full", 10, 10), figures("Half", 5, 10), figures("Thin", 1, 1, ("few",))]
    )
    assert [row.bar_width for row in chart.rows] == [BAR_AREA, BAR_AREA // 2, 0]
    assert [row.incomplete for row in chart.rows] == [False, False, True]
    assert chart.rows[2].value_text == "not enough data (little recorded)"
    assert chart.rows[1].bar_y - chart.rows[0].bar_y == chart.rows[2].bar_y - chart.rows[1].bar_y


def test_a_long_name_is_shortened_in_the_chart_and_whole_in_its_description():
    name = "The Police, Fire and Crime Panel of a Very Long County"
    row = on_time_chart([figures(name, 5, 5)]).rows[0]
    assert len(row.label) == LABEL_CHARACTERS and row.label.endswith("…")
    assert row.full_label == name
    assert f"{name}: 100%" in on_time_chart([figures(name, 5, 5)]).description
