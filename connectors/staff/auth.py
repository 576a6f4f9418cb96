"""Staff login for /staff, /training and /analytics: a form checked against the settings, then a signed cookie.

The cookie holds the user name and the time of login, signed with ``TSUNAGU_SESSION_SECRET`` (or, when
that is empty, a key derived from the configured password, so changing the password logs everyone out and
every worker process agrees on the key). It is ``HttpOnly`` and ``SameSite=Lax``: other sites cannot
send a logged-in POST to the staff pages. Five failed logins from one address within five minutes lock it
out; the failures are counted in the store (``bot/store/shared.py``), so every process agrees.
"""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from itsdangerous import BadSignature, URLSafeTimedSerializer

from connectors.staff.passwords import check_login, login_configured
from connectors.application import Tsunagu, get_tsunagu
from connectors.settings import Settings
from connectors.staff.pages import render

__all__ = ["router", "staff_user", "app_settings", "COOKIE", "safe_next"]

router = APIRouter()
COOKIE = "tsunagu_staff"


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    secret = (
        settings.session_secret
        or hashlib.sha256(
            f"tsunagu-session|{settings.staff_username}|{settings.staff_password_hash or settings.staff_password}".encode()
        ).hexdigest()
    )
    return URLSafeTimedSerializer(secret, salt="tsunagu-staff-login")


def safe_next(target: str | None) -> str:
    """Only a path on this site may follow a login (no ``//evil.example`` or ``https://...``)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/staff"
    return target


async def app_settings(app: Tsunagu = Depends(get_tsunagu)) -> Settings:
    """The settings the application was built from: the one settings source of every route."""
    return app.settings


def staff_user(request: Request, settings: Settings = Depends(app_settings)) -> str:
    """Dependency of every staff page: the logged-in user, or a redirect to the login form."""
    token = request.cookies.get(COOKIE, "")
    if token and login_configured(settings):
        try:
            user = _serializer(settings).loads(token, max_age=int(settings.session_hours * 3600))
        except BadSignature:  # also an expired signature
            user = None
        if user == settings.staff_username:
            return user
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    raise HTTPException(status_code=303, headers={"Location": f"/login?next={safe_next(target)}"})


def _form(
    request: Request, settings: Settings, status: int = 200, error: str = "", target: str = "/staff"
) -> HTMLResponse:
    return render(
        request,
        "login.html",
        {
            "configured": login_configured(settings),
            "error": error,
            "next": safe_next(target),
            "title": "ログイン / Staff login",
        },
        status,
    )


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, next: str = "/staff", settings: Settings = Depends(app_settings)):
    return _form(request, settings, target=next)


@router.post("/login", response_class=HTMLResponse, include_in_schema=False)
def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form("/staff"),
    settings: Settings = Depends(app_settings),
    app: Tsunagu = Depends(get_tsunagu),
):
    client = request.client.host if request.client else "unknown"
    if app.staff.login_blocked(client):  # counted per client address in the store: every process agrees
        return _form(
            request,
            settings,
            429,
            "ログインの失敗が続いたため、しばらく受け付けません。5分後にもう一度"
            "試してください。 / Too many failed logins: try again in 5 minutes.",
            next,
        )
    if not login_configured(settings):
        return _form(request, settings, 503, "", next)
    if not check_login(settings, username, password):
        app.staff.login_failed(client)
        return _form(
            request, settings, 401, "ユーザー名またはパスワードが違います。 / Wrong user name or password.", next
        )
    app.staff.login_succeeded(client)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE,
        _serializer(settings).dumps(settings.staff_username),
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout", include_in_schema=False)
def logout() -> RedirectResponse:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
