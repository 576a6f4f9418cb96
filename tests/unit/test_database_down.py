"""The database unreachable: a clean 503 with a JSON error (no traceback), and answers again once it is back,
in the same process."""

from contextlib import contextmanager

from sqlalchemy import create_engine

from tests.conftest import app_client

QUESTION = {"session_id": "down-1", "text": "Where do I report my new address?", "lang": "en"}


@contextmanager
def database_down(store):
    healthy = store.engine
    store.engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 2})
    try:
        yield
    finally:
        store.engine = healthy


def test_chat_answers_503_with_a_json_error_while_the_database_is_down_then_recovers(fake_services):
    with app_client(fake_services) as client:
        with database_down(fake_services.store):
            response = client.post("/api/chat", json=QUESTION)
            assert response.status_code == 503 and response.headers["retry-after"]
            error = response.json()["error"]
            assert error and "Traceback" not in response.text
            assert "saved" not in error  # nothing was stored: the message must not claim it was
            assert client.get("/healthz").status_code == 200  # the service itself is up
        assert client.post("/api/chat", json=QUESTION).status_code == 200


def test_a_line_event_is_refused_with_503_while_the_database_is_down_so_line_redelivers_it(fake_services, tmp_path):
    import dataclasses

    from tests.conftest import fake_settings
    from tests.fakes.line_api import FakeLineApi
    from tests.fakes.line_events import SECRET, TOKEN, body_of, new_user, post, text

    with FakeLineApi() as line_api:
        services = dataclasses.replace(
            fake_services,
            settings=fake_settings(
                tmp_path, line_channel_secret=SECRET, line_channel_access_token=TOKEN, line_api_base=line_api.url
            ),
        )
        outbox = services.store.outbox
        with app_client(services) as client:
            healthy = outbox.engine
            event = text(new_user(), "Where do I register my address?")
            with database_down(services.store):
                outbox.engine = services.store.engine
                try:
                    response = post(client, body_of(event))
                finally:
                    outbox.engine = healthy
            assert response.status_code == 503 and response.json()["error"]
            assert line_api.calls == []
            assert post(client, body_of(event)).status_code == 200  # LINE's redelivery, once the database is back
            assert len(line_api.calls) == 1


def test_a_crisis_while_the_database_is_down_still_gets_the_crisis_line_first_and_is_told_it_was_not_saved(
    fake_services,
):
    from bot.safety import load_safety_texts

    texts = load_safety_texts()
    with app_client(fake_services) as client:
        with database_down(fake_services.store):
            for text, lang, first in (
                ("I want to kill myself", "en", "0120-279-338"),
                ("死にたい", "ja", "0120-279-338"),
                ("My husband hits me every day", "en", "110"),
            ):
                response = client.post("/api/chat", json={"session_id": "down-crisis", "text": text, "lang": lang})
                assert response.status_code == 200, text
                reply = response.json()
                assert reply["calls"][0]["number"] == first
                assert reply["saved"] is False and texts.text(lang, "not_saved") in reply["text"]
                assert reply["handoff"] is None  # no one can be asked for until the database is back
            ordinary = client.post("/api/chat", json=QUESTION)
            assert ordinary.status_code == 503  # anything else: try again
        assert fake_services.store.messages("down-crisis") == []  # nothing was stored, as the reply says
