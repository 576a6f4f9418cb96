"""Training mode at ``/training``: practice cases from the knowledge base, a reply in Japanese, its score.

Nothing a trainee writes is stored; the page shows the score, what was missed, the plain-Japanese
guideline breaches and the model answer (with furigana, for reading aloud). Only the points are kept, per
staff user and case, in the store: the case list shows each case's attempts and best score, the same
whichever service process draws it.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from bot.plain import furigana
from connectors.application import Tsunagu, get_tsunagu
from connectors.staff.auth import staff_user
from connectors.staff.pages import labels_for, render
from knowledge.training_cases import TrainingCase

__all__ = ["router"]

router = APIRouter()
MAX_REPLY_CHARS = 4000


def _case_or_404(app: Tsunagu, case_id: str) -> TrainingCase:
    case = app.staff.training_case(case_id)
    if case is None:
        raise HTTPException(404, "no such practice case")
    return case


def _case_page(
    request: Request, app: Tsunagu, user: str, case: TrainingCase, reply: str = "", score=None, error: str = ""
) -> HTMLResponse:
    model_ruby = tuple((s.text, s.reading) for s in furigana(score.model_answer).segments) if score else ()
    context = {
        "active": "training",
        "user": user,
        "case": case,
        "title": app.staff.topic_title_ja(case.topic),
        "labels": labels_for(app),
        "reply": reply,
        "score": score,
        "model_ruby": model_ruby,
        "error": error,
        "max_chars": MAX_REPLY_CHARS,
    }
    return render(request, "staff/training_case.html", context, 422 if error else 200)


@router.get("/training", response_class=HTMLResponse, include_in_schema=False)
def cases(request: Request, user: str = Depends(staff_user), app: Tsunagu = Depends(get_tsunagu)):
    progress = app.staff.training_progress(user)
    listed = [
        (case, app.staff.topic_title_ja(case.topic), progress.get(case.id)) for case in app.staff.training_cases()
    ]
    return render(
        request, "staff/training.html", {"active": "training", "user": user, "cases": listed, "labels": labels_for(app)}
    )


@router.get("/training/{case_id}", response_class=HTMLResponse, include_in_schema=False)
def practice(case_id: str, request: Request, user: str = Depends(staff_user), app: Tsunagu = Depends(get_tsunagu)):
    return _case_page(request, app, user, _case_or_404(app, case_id))


@router.post("/training/{case_id}", response_class=HTMLResponse, include_in_schema=False)
async def score_reply(
    case_id: str,
    request: Request,
    reply: str = Form(""),
    user: str = Depends(staff_user),
    app: Tsunagu = Depends(get_tsunagu),
):
    case = _case_or_404(app, case_id)
    reply = reply.strip()
    if not reply:
        return _case_page(request, app, user, case, error="返答を日本語で書いてください。")
    if len(reply) > MAX_REPLY_CHARS:
        return _case_page(
            request, app, user, case, reply, error=f"{MAX_REPLY_CHARS}文字までにしてください（{len(reply)}文字）。"
        )
    score = await run_in_threadpool(app.staff.training_score, case, reply, user)
    return _case_page(request, app, user, case, reply, score)
