"""Analytics at ``/analytics``: questions per day and per language, top topics, handoffs by reason and by
office, and the questions nobody could answer — from the outcomes the dialogue records per question.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from connectors.application import Tsunagu, get_tsunagu
from connectors.auth import staff_user
from connectors.charts import bar_chart, day_chart
from connectors.staff_pages import labels_for, render

__all__ = ["router", "PERIODS"]

router = APIRouter()
PERIODS = (7, 30, 90)


def _named(rows, names) -> list[tuple[str, int]]:
    return [(names.get(code, code) or "—", count) for code, count in rows]


@router.get("/analytics", response_class=HTMLResponse, include_in_schema=False)
async def analytics(request: Request, days: int = 30, user: str = Depends(staff_user),
                    app: Tsunagu = Depends(get_tsunagu)):
    days = days if days in PERIODS else 30
    report = await run_in_threadpool(app.analytics, days)
    labels = labels_for(app)
    topic_titles = {topic: app.topic_title_ja(topic) for topic, _ in report.top_topics}
    charts = [
        day_chart("per-day", "1日ごとの質問数", report.per_day),
        bar_chart("per-language", "言語ごとの質問数", _named(report.per_language, labels.languages_ja)),
        bar_chart("per-outcome", "質問の結果", _named(report.per_outcome, labels.outcomes)),
        bar_chart("top-topics", "よく聞かれるトピック", _named(report.top_topics, topic_titles)),
        bar_chart("handoff-reasons", "窓口への案内: 理由", _named(report.handoffs_by_reason, labels.reasons)),
        bar_chart("handoff-offices", "窓口への案内: 案内先", _named(report.handoffs_by_office, labels.offices)),
    ]
    return render(request, "staff/analytics.html", {
        "active": "analytics", "user": user, "report": report, "charts": charts, "labels": labels,
        "days": days, "periods": PERIODS})
