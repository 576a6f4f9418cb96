"""The web chat page and what /api/chat adds for it (furigana segments for plain Japanese)."""

from __future__ import annotations

import json
import re

import pytest

from bot.plain.given import strip_given
from bot.plain.ruby import reading_of


def test_the_page_uses_only_local_assets_and_forbids_foreign_scripts(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page.text)
    for asset in re.findall(r"""(?:src|href)="(/static/[^"]+)\"""", page.text):
        assert client.get(asset).status_code == 200


def test_the_page_has_a_skip_link_a_language_and_labelled_controls(client):
    page = client.get("/").text
    assert '<html lang="en">' in page and 'href="#main"' in page and 'id="main"' in page
    for control in ("lang", "plain", "text"):
        assert f'<label for="{control}">' in page


@pytest.mark.parametrize(
    "body, has_ruby",
    [
        ({"text": "在留カードをなくしました", "plain": True}, True),
        ({"text": "在留カードをなくしました", "lang": "ja-plain"}, True),
        ({"text": "在留カードをなくしました", "lang": "ja"}, False),
        ({"text": "I lost my residence card", "lang": "en"}, False),
    ],
)
def test_plain_japanese_answers_carry_furigana_segments(client, body, has_ruby):
    data = client.post("/api/chat", json={"session_id": f"ruby-{body}", **body}).json()
    assert ("ruby" in data) is has_ruby
    if has_ruby:
        shown = "".join(text for text, _ in data["ruby"])  # the text, its bracketed readings shown as ruby
        assert shown == strip_given(data["text"], reading_of)[0] and "（ざいりゅう" not in shown
        assert any(reading for _, reading in data["ruby"])


def test_plain_japanese_quick_replies_and_page_words_carry_furigana(client):
    data = client.post(
        "/api/chat", json={"session_id": "ruby-quick", "text": "在留カードをなくしました", "lang": "ja-plain"}
    ).json()
    assert len(data["quick_ruby"]) == len(data["quick_replies"])
    for text, segments in zip(data["quick_replies"], data["quick_ruby"]):
        assert "".join(part for part, _ in segments) == strip_given(text, reading_of)[0]
    page = client.get("/?lang=ja-plain").text
    labels = json.loads(re.search(r'id="ui-labels"[^>]*>(.*?)</script>', page, re.S).group(1))
    heading = labels["_ruby"]["ui_heading"]
    assert "".join(part for part, _ in heading) == strip_given(labels["ja-plain"]["ui_heading"], reading_of)[0]
    assert any(reading for _, reading in heading)
