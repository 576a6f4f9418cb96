"""Chart geometry for the analytics page."""

import datetime as dt

import pytest

from connectors.staff.charts import bar_chart, day_chart


def test_bars_are_proportional_to_their_values_and_keep_their_order():
    chart = bar_chart("c", "t", [("ベトナム語", 40), ("英語", 20), ("ネパール語", 10)], width=320)
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == 320 - 40 and widths[1] == widths[0] / 2 and widths[2] == widths[0] / 4
    assert [bar.full_label for bar in chart.bars] == ["ベトナム語", "英語", "ネパール語"]
    assert all(later.y > earlier.y for earlier, later in zip(chart.bars, chart.bars[1:]))


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("短い", "短い"),
        ("外国人在留総合インフォメーションセンター", "外国人在留総合インフォメー…"),
    ],
)
def test_long_labels_are_shortened_on_the_chart_but_not_in_the_table(label, shown):
    bar = bar_chart("c", "t", [(label, 1)], label_chars=14).bars[0]
    assert bar.label == shown and bar.full_label == label


def test_an_empty_period_is_an_empty_chart():
    assert bar_chart("c", "t", []).empty
    assert day_chart("d", "t", [(dt.date(2026, 11, 1), 0)]).empty


def test_day_columns_stand_on_the_axis_and_every_seventh_day_back_from_today_is_labelled():
    today = dt.date(2026, 11, 26)
    days = [(today - dt.timedelta(days=29 - i), i % 5) for i in range(30)]
    chart = day_chart("d", "t", days, height=160, axis=20)
    assert {round(bar.y + bar.height, 1) for bar in chart.bars} == {140.0}
    assert max(bar.height for bar in chart.bars) == 160 - 20 - 14
    ticks = [bar.full_label for bar in chart.bars if bar.tick]
    assert ticks[-1] == "2026-11-26" and ticks[-2] == "2026-11-19" and len(ticks) == 5
    last = chart.bars[-1]
    assert last.x + last.width / 2 + 16 <= chart.width  # "11/26" centred under the last column fits


def test_bar_labels_have_their_own_line_so_a_phone_width_chart_keeps_them_whole():
    chart = bar_chart("c", "t", [("外国人在留支援センター（FRESC）", 3), ("英語", 1)])
    assert chart.width <= 375  # drawn at a phone's width, scaled up on wider pages
    assert all(bar.x == 0 and bar.y >= 12 for bar in chart.bars)  # the label line is above each bar
    assert chart.bars[0].label == "外国人在留支援センター（FRESC）"
