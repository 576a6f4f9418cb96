"""The web chat page and what /api/chat adds for it (furigana segments for plain Japanese)."""
from __future__ import annotations

import re

import pytest



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


@pytest.mark.parametrize("body, has_ruby", [
    ({"text": "在留カードをなくしました", "plain": True}, True),
    ({"text": "在留カードをなくしました", "lang": "ja-plain"}, True),
    ({"text": "在留カードをなくしました", "lang": "ja"}, False),
    ({"text": "I lost my residence card", "lang": "en"}, False),
])
def test_plain_japanese_answers_carry_furigana_segments(client, body, has_ruby):
    data = client.post("/api/chat", json={"session_id": f"ruby-{body}", **body}).json()
    assert ("ruby" in data) is has_ruby
    if has_ruby:
        assert "".join(text for text, _ in data["ruby"]) == data["text"]
        assert any(reading for _, reading in data["ruby"])
