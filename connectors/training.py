"""Training mode at ``/training``: practice cases from the knowledge base, a reply in Japanese, its score.

Nothing a trainee writes is stored; the page shows the score, what was missed, the plain-Japanese
guideline breaches and the model answer (with furigana, for reading aloud). Only the points are kept, per
staff user and case, in the store: the case list shows each case's attempts and best score, the same
whichever service process draws it.
"""
from __future__ import annotations

import threading

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from bot.plain import check, furigana
from bot.training import TrainingCoach
from connectors.auth import staff_user
from connectors.services import Services, get_services
from connectors.staff_pages import labels_for, per_services, render
from knowledge.training_cases import TrainingCase, load_training_book

__all__ = ["router"]

router = APIRouter()
MAX_REPLY_CHARS = 4000


@per_services
def _coach(services: Services) -> TrainingCoach:
    # the checker loads its Japanese model (~5 s) on first use: start that while the trainee reads the case
    threading.Thread(target=check, args=("練習",), name="plain-check-warmup", daemon=True).start()
    return TrainingCoach(load_training_book(), services.offices, services.places, check)


def _title(services: Services, case: TrainingCase) -> str:
    found = services.assistant.topic_text(case.topic, "ja")
    return found[0].title if found else case.topic


def _case_or_404(services: Services, case_id: str) -> TrainingCase:
    case = _coach(services).book.case(case_id)
    if case is None:
        raise HTTPException(404, "no such practice case")
    return case


def _case_page(request: Request, services: Services, user: str, case: TrainingCase, reply: str = "",
               score=None, error: str = "") -> HTMLResponse:
    model_ruby = (tuple((s.text, s.reading) for s in furigana(score.model_answer).segments) if score else ())
    context = {"active": "training", "user": user, "case": case, "title": _title(services, case),
               "labels": labels_for(services), "reply": reply, "score": score, "model_ruby": model_ruby,
               "error": error, "max_chars": MAX_REPLY_CHARS}
    return render(request, "staff/training_case.html", context, 422 if error else 200)


@router.get("/training", response_class=HTMLResponse, include_in_schema=False)
def cases(request: Request, user: str = Depends(staff_user), services: Services = Depends(get_services)):
    book = _coach(services).book
    progress = services.store.training.of(user)
    listed = [(case, _title(services, case), progress.get(case.id)) for case in book.cases]
    return render(request, "staff/training.html", {"active": "training", "user": user, "cases": listed,
                                                   "labels": labels_for(services)})


@router.get("/training/{case_id}", response_class=HTMLResponse, include_in_schema=False)
def practice(case_id: str, request: Request, user: str = Depends(staff_user),
             services: Services = Depends(get_services)):
    return _case_page(request, services, user, _case_or_404(services, case_id))


@router.post("/training/{case_id}", response_class=HTMLResponse, include_in_schema=False)
async def score_reply(case_id: str, request: Request, reply: str = Form(""), user: str = Depends(staff_user),
                      services: Services = Depends(get_services)):
    case = _case_or_404(services, case_id)
    reply = reply.strip()
    if not reply:
        return _case_page(request, services, user, case, error="返答を日本語で書いてください。")
    if len(reply) > MAX_REPLY_CHARS:
        return _case_page(request, services, user, case, reply,
                          error=f"{MAX_REPLY_CHARS}文字までにしてください（{len(reply)}文字）。")
    score = await run_in_threadpool(_coach(services).score, case, reply)
    await run_in_threadpool(services.store.training.record, user, case.id, score.points, score.max_points)
    return _case_page(request, services, user, case, reply, score)
