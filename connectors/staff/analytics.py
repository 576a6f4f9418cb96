"""Analytics at ``/analytics`` (and ``/analytics.csv``): questions per day, language, channel and outcome,
top topics (residents' and the counter's), handoffs by reason and by office, helpfulness ratings, and the
questions nobody could answer — filtered by period, language and prefecture.

Tiles, charts, tables and the CSV are all drawn from the one ``AnalyticsReport`` (``bot/store/analytics.py``
defines each outcome once), so they cannot disagree.
"""

from __future__ import annotations

import csv
import io

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from bot.store.analytics import AnalyticsReport
from connectors.application import Tsunagu, get_tsunagu
from connectors.staff.auth import staff_user
from connectors.staff.charts import bar_chart, day_chart
from connectors.staff.pages import Labels, labels_for, render

__all__ = ["router", "PERIODS", "report_rows"]

router = APIRouter()
PERIODS = (7, 30, 90)


def _named(rows, names) -> list[tuple[str, int]]:
    return [(names.get(code, code) or "—", count) for code, count in rows]


def _sections(report: AnalyticsReport, labels: Labels, topic_titles: dict[str, str]):
    """(chart id, title, [(code, label, count)]) — what the charts, their tables and the CSV show."""

    def rows(pairs, names):
        return [(code, names.get(code, code) or "—", count) for code, count in pairs]

    return [
        ("per-language", "言語ごとの質問数", rows(report.per_language, labels.languages_ja)),
        ("per-outcome", "質問の結果", rows(report.per_outcome, labels.outcomes)),
        ("per-channel", "経路ごとの質問数", rows(report.per_channel, labels.channels)),
        ("top-topics", "よく聞かれるトピック（住民）", rows(report.top_topics, topic_titles)),
        ("counter-topics", "窓口で調べたトピック（職員）", rows(report.counter_topics, topic_titles)),
        ("situations", "緊急・深刻な状況（種類ごと、件数のみ）", rows(report.situations, labels.reasons)),
        ("handoff-reasons", "窓口への案内: 理由", rows(report.handoffs_by_reason, labels.reasons)),
        ("handoff-offices", "窓口への案内: 案内先", rows(report.handoffs_by_office, labels.offices)),
        (
            "helpful",
            "役に立った（言語ごと）",
            rows([(lang, yes) for lang, yes, _ in report.ratings], labels.languages_ja),
        ),
        (
            "not-helpful",
            "役に立たなかった（言語ごと）",
            rows([(lang, no) for lang, _, no in report.ratings], labels.languages_ja),
        ),
    ]


def report_rows(report: AnalyticsReport, labels: Labels, topic_titles: dict[str, str]) -> list[list]:
    """The report as CSV rows: section, code, label, count (the same figures as the page)."""
    out: list[list] = [["section", "code", "label", "count"], ["total", "", "質問", report.total]]
    out += [["per-day", day.isoformat(), day.isoformat(), n] for day, n in report.per_day]
    for section, _, rows in _sections(report, labels, topic_titles):
        out += [[section, code, label, n] for code, label, n in rows]
    return out


async def _report(app: Tsunagu, days: int, lang: str, prefecture: str):
    days = days if days in PERIODS else 30
    report = await run_in_threadpool(app.staff.analytics, days, lang, prefecture)
    topics = {topic for topic, _ in report.top_topics + report.counter_topics}
    return days, report, {topic: app.staff.topic_title_ja(topic) for topic in topics}


@router.get("/analytics", response_class=HTMLResponse, include_in_schema=False)
async def analytics(
    request: Request,
    days: int = 30,
    lang: str = "",
    prefecture: str = "",
    user: str = Depends(staff_user),
    app: Tsunagu = Depends(get_tsunagu),
):
    days, report, topic_titles = await _report(app, days, lang, prefecture)
    labels = labels_for(app)
    charts = [day_chart("per-day", "1日ごとの質問数", report.per_day)]
    charts += [
        bar_chart(chart_id, title, [(label, n) for _, label, n in rows])
        for chart_id, title, rows in _sections(report, labels, topic_titles)
    ]
    return render(
        request,
        "staff/analytics.html",
        {
            "active": "analytics",
            "user": user,
            "report": report,
            "charts": charts,
            "labels": labels,
            "days": days,
            "periods": PERIODS,
            "lang": report.filters.lang,
            "prefecture": report.filters.prefecture,
            "languages": app.languages,
        },
    )


@router.get("/analytics.csv", include_in_schema=False)
async def analytics_csv(
    days: int = 30,
    lang: str = "",
    prefecture: str = "",
    user: str = Depends(staff_user),
    app: Tsunagu = Depends(get_tsunagu),
) -> Response:
    days, report, topic_titles = await _report(app, days, lang, prefecture)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(report_rows(report, labels_for(app), topic_titles))
    name = f"tsunagu-analytics-{report.since.isoformat()}-{report.until.isoformat()}.csv"
    return Response(
        "\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
