"""Login, the counter-staff console and analytics through the real app (fake embedder, no network)."""

import dataclasses
import html
import re
import time

import pytest
from fastapi.testclient import TestClient

from bot.dialogue import IncomingMessage
from connectors.app import create_app
from connectors.staff.auth import COOKIE
from connectors.services import get_services
from knowledge.topics import load_topics
from tests.conftest import fake_settings, nothing_is_close_enough

PAGES = ["/staff", "/training", "/analytics"]


@pytest.fixture(autouse=True)
def fresh_throttle(fake_services):
    """Each test starts with no failed logins on record (they all come from the same test client)."""
    fake_services.store.logins.succeeded("testclient")


def make_client(fake_services, settings):
    """The app on the fake services, run with ``settings`` (every route reads the application's settings)."""
    app = create_app()
    app.dependency_overrides[get_services] = lambda: dataclasses.replace(fake_services, settings=settings)
    return TestClient(app)


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return fake_settings(tmp_path_factory.mktemp("staff"), staff_username="clerk", staff_password="counter-pw-1")


@pytest.fixture(scope="module")
def anonymous(fake_services, settings):
    with make_client(fake_services, settings) as client:
        yield client


@pytest.fixture(scope="module")
def staff(fake_services, settings):
    with make_client(fake_services, settings) as client:
        response = client.post("/login", data={"username": "clerk", "password": "counter-pw-1"}, follow_redirects=False)
        assert response.status_code == 303
        yield client


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("page", PAGES + ["/analytics?days=7", "/training/lost-card-nagoya"])
def test_staff_pages_send_strangers_to_the_login(anonymous, page):
    response = anonymous.get(page, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next={page}"


def test_a_lookup_without_login_is_refused_and_runs_nothing(anonymous, fake_services):
    before = fake_services.store.count_conversations()
    response = anonymous.post("/staff", data={"said": "residence card"}, follow_redirects=False)
    assert response.status_code == 303 and fake_services.store.count_conversations() == before


@pytest.mark.parametrize(
    ("username", "password", "status"),
    [("clerk", "wrong", 401), ("someone", "counter-pw-1", 401), ("", "", 401)],
)
def test_wrong_credentials_get_no_cookie(anonymous, username, password, status):
    response = anonymous.post("/login", data={"username": username, "password": password}, follow_redirects=False)
    assert response.status_code == status and COOKIE not in response.cookies
    assert "Wrong user name or password" in response.text


@pytest.mark.parametrize(
    ("target", "lands_on"),
    [
        ("/analytics", "/analytics"),
        ("//evil.example/x", "/staff"),
        ("https://evil.example", "/staff"),
        ("/training/lost-card-nagoya", "/training/lost-card-nagoya"),
    ],
)
def test_login_returns_to_the_page_asked_for_on_this_site_only(fake_services, settings, target, lands_on):
    with make_client(fake_services, settings) as client:
        response = client.post(
            "/login", data={"username": "clerk", "password": "counter-pw-1", "next": target}, follow_redirects=False
        )
        assert response.status_code == 303 and response.headers["location"] == lands_on
        cookie = response.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("samesite", "SameSite")


def test_with_no_credentials_configured_no_login_works_and_the_page_says_how_to_set_them(fake_services, tmp_path):
    with make_client(fake_services, fake_settings(tmp_path)) as client:
        form = client.get("/login")
        assert "TSUNAGU_STAFF_USERNAME" in form.text and "TSUNAGU_STAFF_PASSWORD_HASH" in form.text
        assert 'type="password"' not in form.text
        for password in ("", "admin", "password", "tsunagu"):
            response = client.post("/login", data={"username": "admin", "password": password}, follow_redirects=False)
            assert response.status_code == 503 and COOKIE not in response.cookies


def test_repeated_failures_lock_the_address_out_even_for_the_right_password(fake_services, settings):
    with make_client(fake_services, settings) as client:
        for _ in range(5):
            assert client.post("/login", data={"username": "clerk", "password": "guess"}).status_code == 401
        locked = client.post("/login", data={"username": "clerk", "password": "counter-pw-1"}, follow_redirects=False)
        assert locked.status_code == 429 and COOKIE not in locked.cookies and "5分後" in locked.text


def test_a_tampered_or_expired_cookie_is_not_a_login(fake_services, settings, monkeypatch):
    with make_client(fake_services, settings) as client:
        client.post("/login", data={"username": "clerk", "password": "counter-pw-1"})
        token = client.cookies[COOKIE]
        assert client.get("/staff", follow_redirects=False).status_code == 200
        payload, stamp, signature = token.split(".")
        for forged in (f"{payload}.{stamp}.{signature[::-1]}", f"ImFkbWluIg.{stamp}.{signature}"):  # "admin"
            client.cookies.clear()
            client.cookies.set(COOKIE, forged)
            assert client.get("/staff", follow_redirects=False).status_code == 303
        client.cookies.clear()
        client.cookies.set(COOKIE, token)
        later = time.time() + settings.session_hours * 3600 + 60
        monkeypatch.setattr(time, "time", lambda: later)
        assert client.get("/staff", follow_redirects=False).status_code == 303


def test_changing_the_password_ends_existing_logins(fake_services, settings):
    with make_client(fake_services, settings) as client:
        client.post("/login", data={"username": "clerk", "password": "counter-pw-1"})
        cookie = client.cookies.get(COOKIE)
        assert client.get("/staff", follow_redirects=False).status_code == 200
    changed = settings.model_copy(update={"staff_password": "a-new-password"})
    with make_client(fake_services, changed) as restarted:  # the service restarted with the new password
        restarted.cookies.set(COOKIE, cookie)
        assert restarted.get("/staff", follow_redirects=False).status_code == 303


def test_logout_ends_the_login(fake_services, settings):
    with make_client(fake_services, settings) as client:
        client.post("/login", data={"username": "clerk", "password": "counter-pw-1"})
        client.post("/logout")
        assert client.get("/staff", follow_redirects=False).status_code == 303


def test_the_console_shows_everything_for_what_the_resident_said(staff, fake_services):
    before = fake_services.store.count_conversations()
    response = staff.post("/staff", data={"said": "在留カードをなくしました。名古屋に住んでいます。"})
    assert response.status_code == 200
    page = text_of(response.text)
    office = fake_services.offices.for_prefecture("aichi")
    assert "日本語" in page and "residence-card" in page
    assert office.name_ja in page and f'href="tel:{office.main_phone}"' in response.text
    assert "【引き継ぎメモ】" in page and "<ruby>" in response.text
    assert response.text.count('class="copy secondary"') == 7  # language, topics, 3 answers, office, summary
    source = html.escape(load_topics()["residence-card"].source_title, quote=False)
    assert f"在留カード — {source}" in response.text  # topic list copy text, no ids
    assert fake_services.store.count_conversations() == before + 1  # the visit is one conversation


def test_the_prefecture_chosen_on_the_form_decides_the_office(staff, fake_services):
    response = staff.post("/staff", data={"said": "I lost my residence card in Osaka", "prefecture": "hokkaido"})
    assert fake_services.offices.for_prefecture("hokkaido").name_ja in response.text
    assert fake_services.offices.for_prefecture("osaka").name_ja not in response.text


@pytest.mark.parametrize(
    ("said", "number"), [("死にたい。もう疲れました", "0120-279-338"), ("I want to kill myself", "0120-279-338")]
)
def test_a_crisis_with_a_line_as_its_card_is_shown_with_the_line_to_call(staff, said, number):
    """A crisis has no office of its own: its card is the crisis line, not an office in the directory (the
    console answered 500)."""
    response = staff.post("/staff", data={"said": said})
    assert response.status_code == 200
    assert f"tel:{number}" in response.text


def test_what_the_resident_said_never_becomes_markup(staff):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = staff.post("/staff", data={"said": f"residence card {payload}"})
    assert payload not in response.text and "&lt;script&gt;" in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    ("said", "status", "message"), [("   ", 422, "入力してください"), ("x" * 2001, 422, "2000文字まで")]
)
def test_empty_or_too_long_input_is_explained(staff, said, status, message):
    response = staff.post("/staff", data={"said": said})
    assert response.status_code == status and message in response.text


def test_analytics_lists_unanswered_questions_redacted_and_escaped(staff, fake_services):
    with nothing_is_close_enough(fake_services):
        fake_services.dialogue.handle(IncomingMessage("analytics-page", "<b>zzqx</b> call 090-1234-5678 please"))
    response = staff.get("/analytics?days=7")
    assert response.status_code == 200 and "<svg" in response.text
    assert "&lt;b&gt;zzqx&lt;/b&gt; call [phone] please" in response.text
    assert "090-1234-5678" not in response.text
    for chart in ("per-day", "per-language", "per-outcome", "top-topics", "handoff-reasons", "handoff-offices"):
        assert f'id="{chart}"' in response.text


def best_so_far(staff) -> int:
    """The best score the case list shows for lost-card-nagoya (0 before any attempt in this store)."""
    found = re.search(r'data-case="lost-card-nagoya">[^<]*最高 (\d+) /', staff.get("/training").text)
    return int(found[1]) if found else 0


def test_training_lists_the_cases_and_scores_a_reply(staff, fake_services):
    earlier_best = best_so_far(staff)  # other tests share the store and may have scored this case already
    listing = staff.get("/training")
    assert listing.status_code == 200 and 'href="/training/lost-card-nagoya"' in listing.text
    case = staff.get("/training/lost-card-nagoya")
    assert "I lost my residence card on the train yesterday" in case.text and 'for="reply"' in case.text
    office = fake_services.offices.for_prefecture("aichi")
    scored = staff.post(
        "/training/lost-card-nagoya",
        data={"reply": f"けいさつに とどけて、14日以内に {office.name_ja}に 行って ください。"},
    )
    page = text_of(scored.text)
    assert scored.status_code == 200 and 'id="points"' in scored.text
    assert "パスポート — ありません" in page and "警察 — 書けています" in page
    assert "<ruby>" in scored.text.split('id="model"')[1]
    points = re.search(r'id="points">(\d+) / (\d+)', scored.text)
    progress = staff.get("/training").text.split('data-case="lost-card-nagoya">')[1].split("</span>")[0]
    best = max(earlier_best, int(points[1]))
    assert f"最高 {best} / {points[2]}点" in progress  # the list shows the best score so far


@pytest.mark.parametrize(
    ("path", "data", "status"),
    [
        ("/training/no-such-case", None, 404),
        ("/training/lost-card-nagoya", {"reply": "  "}, 422),
        ("/training/lost-card-nagoya", {"reply": "あ" * 4001}, 422),
    ],
)
def test_training_refuses_unknown_cases_and_empty_or_huge_replies(staff, path, data, status):
    response = staff.post(path, data=data) if data else staff.get(path)
    assert response.status_code == status


def test_a_trainee_reply_is_shown_back_as_text(staff):
    payload = "<script>alert(1)</script>けいさつ"
    response = staff.post("/training/lost-card-nagoya", data={"reply": payload})
    assert payload not in response.text and "&lt;script&gt;alert(1)&lt;/script&gt;けいさつ" in response.text


def test_training_shows_section_maxima_and_the_reply_next_to_the_model_answer(staff):
    reply = "交番に 行って ください。2週間 いないに 名古屋の 入管へ 行きます。"
    page = staff.post("/training/lost-card-nagoya", data={"reply": reply}).text
    compare = page.split('id="compare"')[1]
    assert 'id="yours"' in compare and 'id="model"' in compare and reply in compare
    assert "/ 60点" in page and "/ 30点" in page and "/ 10点" in page
    assert "なぜ大事か" in page and 'data-verdict="right"' in page
    dump = staff.post("/training/lost-card-nagoya", data={"reply": "警察、14日以内、パスポート、写真"}).text
    assert 'id="listed-only"' in dump


def test_analytics_tiles_tables_and_csv_agree_and_filter(staff, fake_services):
    import csv
    import io
    import re

    with nothing_is_close_enough(fake_services):
        fake_services.dialogue.handle(IncomingMessage("analytics-agree", "zzqx blorf", "web", "en"))
    fake_services.dialogue.handle(IncomingMessage("analytics-agree-fire", "Fire! My house is on fire", "web"))
    page = staff.get("/analytics?days=7").text
    tiles = {m[1]: int(m[2]) for m in re.finditer(r'data-outcome="([\w-]+)"><strong>(\d+)</strong>', page)}
    table = page.split('id="unanswered"')[1].split("</table>")[0].count("<tr>") - 1
    assert tiles["unanswered"] == table and tiles["emergency"] >= 1
    assert f"{tiles['unanswered']}件" in page.split('id="unanswered-count"')[1][:60]
    assert 'id="per-channel"' in page and 'id="counter-topics"' in page and 'id="helpful"' in page
    assert 'width="480"' not in page and 'width="100%"' in page
    exported = staff.get("/analytics.csv?days=7")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))
    outcomes = {code: int(n) for section, code, _, n in rows[1:] if section == "per-outcome"}
    assert {k: v for k, v in tiles.items() if k in outcomes} == outcomes
    assert int(rows[1][3]) == tiles["total"] == sum(outcomes.values())
    channels = {code: int(n) for section, code, _, n in rows[1:] if section == "per-channel"}
    assert channels.get("web", 0) >= 2
    english = staff.get("/analytics?days=7&lang=en&prefecture=osaka")
    assert english.status_code == 200 and '<option value="en" selected' in english.text
    assert '<option value="osaka" selected' in english.text
    assert staff.get("/analytics.csv?days=7&lang=xx").status_code == 200  # unknown filters filter nothing


def _visit_of(page: str) -> str:
    import re

    return re.search(r'name="visit" value="(visit-[^"]+)"', page)[1]


def test_one_visit_is_one_conversation_with_its_history_and_new_resident_clears_it(staff, fake_services):
    before = fake_services.store.count_conversations()
    first = staff.post("/staff", data={"said": "I lost my residence card", "prefecture": "aichi"}).text
    visit = _visit_of(first)
    follow = staff.post(
        "/staff", data={"said": "What about my health insurance?", "visit": visit, "lang": "en", "prefecture": "aichi"}
    ).text
    assert _visit_of(follow) == visit and fake_services.store.count_conversations() == before + 1
    history = follow.split('id="history"')[1]
    assert "I lost my residence card" in history and "What about my health insurance?" in history
    assert '<option value="en" selected' in follow  # the follow-up keeps the language
    fresh = staff.get("/staff").text
    assert 'name="visit" value=""' in fresh and "I lost my residence card" not in fresh.split('id="history"')[1]
    again = staff.get(f"/staff?visit={visit}").text
    assert "I lost my residence card" in again.split('id="history"')[1]


def test_the_municipality_decides_the_place_and_the_handout_has_both_languages_office_sources_and_qr(
    staff, fake_services
):
    page = staff.post(
        "/staff", data={"said": "Tôi bị mất thẻ cư trú", "prefecture": "aichi", "municipality": "名古屋市"}
    ).text
    visit = _visit_of(page)
    assert 'value="名古屋市"' in page
    assert fake_services.store.state(visit)["city"] == "nagoya"
    handout = page.split('id="handout"')[1]
    assert 'id="handout-resident" lang="vi"' in handout and 'id="handout-ja" lang="ja"' in handout
    assert fake_services.offices.for_prefecture("aichi").name_ja in handout.split('id="handout-office"')[1]
    assert 'id="handout-sources"' in handout
    qr = handout.split('id="handout-qr"')[1]
    assert "<svg" in qr and f"/?session={visit}" in qr
    assert 'href="#show"' in page and 'id="show"' in page  # the big-font view for the resident
    details = page.split('id="internals"')[1]
    assert (
        "residence-card" in details
        and "residence-card" not in page.split('id="internals"')[0].split('id="result-title"')[1]
    )  # ids and scores are folded away
    assert page.count('class="copy-note" role="status"') == page.count('class="copy secondary"')


def test_counter_lookups_are_counted_in_analytics_as_staff_traffic(staff, fake_services):
    staff.post("/staff", data={"said": "I lost my residence card", "prefecture": "tokyo"})
    page = staff.get("/analytics?days=7").text
    assert "窓口（職員）" in page.split('id="per-channel"')[1].split("</figure>")[0]
    assert "在留カード" in page.split('id="counter-topics"')[1].split("</figure>")[0]
