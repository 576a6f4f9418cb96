"""Counter-staff console at ``/staff``: what the resident said → language, topics, answers, office, summary.

Lookups go through ``bot.staff_view.StaffDesk``, which writes nothing: no conversation is created for a
lookup (what staff type at the counter is not kept); only the request counters in /metrics see it.
"""
from __future__ import annotations

import threading

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from bot.dialogue.handoff import REASONS
from bot.plain import furigana
from bot.staff_view import StaffDesk, StaffView
from connectors.auth import staff_user
from connectors.services import Services, get_services
from connectors.staff_pages import labels_for, per_services, render
from knowledge.topics import load_topics

__all__ = ["router"]

router = APIRouter()


@per_services
def _desk(services: Services) -> StaffDesk:
    # furigana loads its Japanese model (~5 s) on first use: start that while staff type the first question
    threading.Thread(target=furigana, args=("練習",), name="furigana-warmup", daemon=True).start()
    return StaffDesk(services.assistant, services.dialogue.router, services.places, load_topics())


def _topics_text(view: StaffView) -> str:
    """The topic list as the copy button copies it: one line per topic with its source and score."""
    return "\n".join(f"{t.title_ja} ({t.topic_id}) — {t.source_title or t.chapter_ja}"
                     f"{' ' + t.source_url if t.source_url else ''} — スコア {t.score:.3f}" for t in view.topics)


def _page(request: Request, services: Services, user: str, **values) -> HTMLResponse:
    context = {"active": "staff", "user": user, "labels": labels_for(services), "view": None, "said": "",
               "lang": "", "prefecture": "", "reason": "requested", "error": "", "phones": [],
               "topics_text": "", "max_chars": services.settings.max_message_chars, **values}
    return render(request, "staff/console.html", context, 422 if context["error"] else 200)


@router.get("/staff", response_class=HTMLResponse, include_in_schema=False)
def console(request: Request, user: str = Depends(staff_user), services: Services = Depends(get_services)):
    _desk(services)
    return _page(request, services, user)


@router.post("/staff", response_class=HTMLResponse, include_in_schema=False)
async def look_up(request: Request, said: str = Form(""), lang: str = Form(""), prefecture: str = Form(""),
                  reason: str = Form("requested"), user: str = Depends(staff_user),
                  services: Services = Depends(get_services)):
    said = said.strip()
    values = {"said": said, "lang": lang, "prefecture": prefecture, "reason": reason}
    if not said:
        return _page(request, services, user, error="住民の方の言葉を入力してください。", **values)
    if len(said) > services.settings.max_message_chars:
        return _page(request, services, user, **values,
                     error=f"{services.settings.max_message_chars}文字までにしてください（{len(said)}文字）。")
    known = set(services.languages)
    view = await run_in_threadpool(
        _desk(services).look_up, said, lang if lang in known else None,
        prefecture if prefecture in services.places.places else "", reason if reason in REASONS else "requested")
    phones = [p.number for p in services.offices[view.office.id].phones] if view.office else []
    return _page(request, services, user, view=view, phones=phones, topics_text=_topics_text(view), **values)
