"""Counter-staff console at ``/staff``: what the resident said → language, topics, answers, office, summary.

One resident's visit is one conversation (``bot/staff_visit.py``): each lookup is kept (redacted) with the
answer shown, the history is listed on the side, follow-up questions keep the language and place, and
"new resident" (``GET /staff``) starts a new visit. The result has a printable bilingual handout (the
resident's language beside Japanese, the office card, sources and a QR code that opens the same
conversation in the web chat) and a big-font view to turn the screen towards the resident.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from bot.dialogue.handoff import REASONS
from bot.staff_view import StaffView
from bot.staff_visit import is_visit_id, new_visit_id
from connectors.application import Tsunagu, get_tsunagu
from connectors.staff.auth import staff_user
from connectors.staff.handout import chat_url, qr_svg
from connectors.staff.pages import labels_for, render

__all__ = ["router"]

router = APIRouter()


def _topics_text(view: StaffView) -> str:
    """The topic list as the copy button copies it: one line per topic with its source."""
    return "\n".join(
        f"{t.title_ja} — {t.source_title or t.chapter_ja}{' ' + t.source_url if t.source_url else ''}"
        for t in view.topics
    )


def _page(request: Request, app: Tsunagu, user: str, visit: str = "", **values) -> HTMLResponse:
    history = app.staff.visit_history(visit) if visit else []
    titles = {entry.topic: app.staff.topic_title_ja(entry.topic) for entry in history if entry.topic}
    context = {
        "active": "staff",
        "user": user,
        "labels": labels_for(app),
        "view": None,
        "said": "",
        "lang": "",
        "prefecture": "",
        "municipality": "",
        "reason": "",
        "error": "",
        "phones": [],
        "topics_text": "",
        "max_chars": app.settings.max_message_chars,
        "visit": visit,
        "history": history,
        "history_titles": titles,
        "qr": "",
        "chat_url": "",
        **values,
    }
    return render(request, "staff/console.html", context, 422 if context["error"] else 200)


@router.get("/staff", response_class=HTMLResponse, include_in_schema=False)
def console(request: Request, visit: str = "", user: str = Depends(staff_user), app: Tsunagu = Depends(get_tsunagu)):
    app.staff.prepare()  # its Japanese model loads while staff type the first question
    return _page(request, app, user, visit if is_visit_id(visit) else "")


@router.post("/staff", response_class=HTMLResponse, include_in_schema=False)
async def look_up(
    request: Request,
    said: str = Form(""),
    lang: str = Form(""),
    prefecture: str = Form(""),
    municipality: str = Form(""),
    reason: str = Form(""),
    visit: str = Form(""),
    user: str = Depends(staff_user),
    app: Tsunagu = Depends(get_tsunagu),
):
    said, municipality = said.strip(), municipality.strip()[:60]
    visit = visit if is_visit_id(visit) else ""
    values = {"said": said, "lang": lang, "prefecture": prefecture, "municipality": municipality, "reason": reason}
    if not said:
        return _page(request, app, user, visit, error="住民の方の言葉を入力してください。", **values)
    if len(said) > app.settings.max_message_chars:
        return _page(
            request,
            app,
            user,
            visit,
            **values,
            error=f"{app.settings.max_message_chars}文字までにしてください（{len(said)}文字）。",
        )
    visit = visit or new_visit_id()
    view = await run_in_threadpool(
        app.staff.look_up_for_visit,
        visit,
        said,
        lang or None,
        prefecture,
        municipality,
        reason if reason in REASONS else "",
    )
    phones = app.staff.office_phones(view.office.id) if view.office else []
    url = chat_url(app.settings.public_url or str(request.base_url), visit)
    values["lang"] = lang or view.lang  # a follow-up question keeps the resident's language
    return _page(
        request,
        app,
        user,
        visit,
        view=view,
        phones=phones,
        topics_text=_topics_text(view),
        qr=qr_svg(url, "QR: Tsunagu web chat"),
        chat_url=url,
        **values,
    )
