"""Counter-staff console at ``/staff``: what the resident said → language, topics, answers, office, summary.

Lookups go through ``bot.staff_view.StaffDesk``, which writes nothing: no conversation is created for a
lookup (what staff type at the counter is not kept); only the request counters in /metrics see it.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from bot.dialogue.handoff import REASONS
from bot.staff_view import StaffView
from connectors.application import Tsunagu, get_tsunagu
from connectors.auth import staff_user
from connectors.staff_pages import labels_for, render

__all__ = ["router"]

router = APIRouter()


def _topics_text(view: StaffView) -> str:
    """The topic list as the copy button copies it: one line per topic with its source and score."""
    return "\n".join(f"{t.title_ja} ({t.topic_id}) — {t.source_title or t.chapter_ja}"
                     f"{' ' + t.source_url if t.source_url else ''} — スコア {t.score:.3f}" for t in view.topics)


def _page(request: Request, app: Tsunagu, user: str, **values) -> HTMLResponse:
    context = {"active": "staff", "user": user, "labels": labels_for(app), "view": None, "said": "",
               "lang": "", "prefecture": "", "reason": "requested", "error": "", "phones": [],
               "topics_text": "", "max_chars": app.settings.max_message_chars, **values}
    return render(request, "staff/console.html", context, 422 if context["error"] else 200)


@router.get("/staff", response_class=HTMLResponse, include_in_schema=False)
def console(request: Request, user: str = Depends(staff_user), app: Tsunagu = Depends(get_tsunagu)):
    app.prepare_staff_desk()  # its Japanese model loads while staff type the first question
    return _page(request, app, user)


@router.post("/staff", response_class=HTMLResponse, include_in_schema=False)
async def look_up(request: Request, said: str = Form(""), lang: str = Form(""), prefecture: str = Form(""),
                  reason: str = Form("requested"), user: str = Depends(staff_user),
                  app: Tsunagu = Depends(get_tsunagu)):
    said = said.strip()
    values = {"said": said, "lang": lang, "prefecture": prefecture, "reason": reason}
    if not said:
        return _page(request, app, user, error="住民の方の言葉を入力してください。", **values)
    if len(said) > app.settings.max_message_chars:
        return _page(request, app, user, **values,
                     error=f"{app.settings.max_message_chars}文字までにしてください（{len(said)}文字）。")
    view = await run_in_threadpool(app.look_up, said, lang or None, prefecture,
                                   reason if reason in REASONS else "requested")
    phones = app.office_phones(view.office.id) if view.office else []
    return _page(request, app, user, view=view, phones=phones, topics_text=_topics_text(view), **values)
