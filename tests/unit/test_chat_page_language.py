"""The web chat page speaks the resident's language: ?lang=, else Accept-Language, else English; every
catalog has every page word; the words of all languages travel in a JSON block that cannot break out."""

from __future__ import annotations

import dataclasses
import html
import json
import re

import pytest
from babel.messages.pofile import read_po

from bot.catalog import Catalogs
from connectors.web.page_language import UI_PREFIX, accepted_languages, page_language
from knowledge.paths import TRANSLATIONS_DIR
from tests.conftest import app_client

LANGS = sorted(path.name for path in TRANSLATIONS_DIR.iterdir() if (path / "LC_MESSAGES").is_dir())
LABELS = re.compile(r'<script type="application/json" id="ui-labels" data-lang="([^"]+)">(.*?)</script>', re.S)


def catalog(lang: str) -> dict[str, str]:
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


UI_KEYS = sorted(key for key in catalog("en") if key.startswith(UI_PREFIX))


def send_label(page: str) -> str:
    return html.unescape(re.search(r'<button type="submit" id="send" data-ui="ui_send">([^<]*)</button>', page)[1])


@pytest.mark.parametrize(
    "query, accept, lang, html_lang",
    [
        ("?lang=vi", None, "vi", "vi"),
        ("", "ko-KR,ko;q=0.9", "ko", "ko"),
        ("?lang=xx", None, "en", "en"),  # unknown code: no error, English
        ("", None, "en", "en"),
        ("?lang=ja-plain", None, "ja-plain", "ja"),
        ("?lang=KM", None, "km", "km"),
        ("?lang=th", "ko-KR,ko;q=0.9", "th", "th"),  # the link wins over the browser
        ("", "fr-FR,fr;q=0.9,uk;q=0.5", "uk", "uk"),  # first language Tsunagu has
        ("", "de, *;q=0.5", "en", "en"),
        ("?lang=%3Cscript%3E", "mn;q=0.8, zh-TW", "zh", "zh"),  # a tag in ?lang= is ignored, not echoed
    ],
)
def test_the_page_is_rendered_in_the_residents_language(client, query, accept, lang, html_lang):
    response = client.get(f"/{query}", headers={"accept-language": accept} if accept else {})
    assert response.status_code == 200
    page = response.text
    assert f'<html lang="{html_lang}">' in page and response.headers["content-language"] == html_lang
    assert "accept-language" in response.headers["vary"].lower()  # caches keep one copy per language
    words = catalog(lang)
    assert send_label(page) == words["ui_send"]
    assert html.escape(words["ui_question_label"]) in page and html.escape(words["ui_lead"]) in page
    assert LABELS.search(page)[1] == lang
    assert "<script>" not in page.split("</header>")[0]


def test_vietnamese_page_shows_vietnamese_words_not_english(client):
    page = client.get("/?lang=vi").text
    shown = page.split('id="ui-labels"')[0]  # the JSON block after it holds every language
    assert send_label(page) == "Gửi" and "Câu hỏi của bạn" in shown
    assert not {"Your question", "Send", "Language", "Skip to content"} & set(re.findall(r">([^<]+)<", shown))
    assert '<option value="vi" lang="vi" selected>' in page  # a chosen language starts in the picker


def test_a_guessed_language_leaves_the_picker_on_detect(client):
    page = client.get("/", headers={"accept-language": "ko-KR,ko;q=0.9"}).text
    assert " selected" not in page and '<html lang="ko">' in page


def test_the_page_carries_every_languages_words_for_the_picker(client):
    block = json.loads(LABELS.search(client.get("/").text)[2])
    assert set(block) - {"_ruby"} == set(LANGS)  # _ruby: furigana of the plain-Japanese words
    for lang in LANGS:
        assert block[lang] == {key: catalog(lang)[key] for key in UI_KEYS}


def test_the_only_inline_script_is_the_json_data_block_which_csp_does_not_run(client):
    response = client.get("/?lang=my")
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text)
    assert inline == [' type="application/json" id="ui-labels" data-lang="my"']
    assert "unsafe-inline" not in response.headers["content-security-policy"]


def test_page_words_cannot_break_out_of_the_json_block(fake_services):
    hostile = '</script><script>alert(1)</script> & "quoted"'
    english = {**{key: key for key in UI_KEYS}, "ui_send": hostile, "language_name": "English"}
    services = dataclasses.replace(fake_services, catalogs=Catalogs({"en": english}))
    with app_client(services) as test_client:
        page = test_client.get("/?lang=en").text
    assert "<script>alert(1)" not in page
    assert json.loads(LABELS.search(page)[2])["en"]["ui_send"] == hostile
    assert send_label(page) == hostile


@pytest.mark.parametrize(
    "header, expected",
    [
        ("ko-KR,ko;q=0.9", ["ko-KR", "ko"]),
        ("en;q=0.5, vi", ["vi", "en"]),
        ("th;q=0.8, km;q=0.8, *;q=0.1", ["th", "km"]),
        ("ja;q=0, my", ["my"]),
        ("uk;q=abc, tr", ["tr"]),
        ("", []),
        (None, []),
    ],
)
def test_accept_language_is_ranked_by_quality(header, expected):
    assert accepted_languages(header) == expected


def test_page_language_needs_no_list_of_languages_in_code():
    assert page_language(None, "fr-CA,fr;q=0.9", ["en", "fr"]).code == "fr"
    assert page_language("xx", None, ["en", "fr"]).code == "en"


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalog_has_every_page_word(lang):
    words = catalog(lang)
    assert UI_KEYS and all(words.get(key, "").strip() for key in UI_KEYS), [
        key for key in UI_KEYS if not words.get(key, "").strip()
    ]
    if lang != "en":  # translated, not copied from English
        english = catalog("en")
        assert all(words[key] != english[key] for key in ("ui_send", "ui_question_label", "ui_lead"))


def test_the_plain_japanese_page_words_follow_the_plain_japanese_guidelines():
    from bot.plain import check  # loads Sudachi: only this test needs it

    breaches = {
        key: [b.rule_id for b in check(text)] for key, text in catalog("ja-plain").items() if key.startswith(UI_PREFIX)
    }
    assert {key: rules for key, rules in breaches.items() if rules} == {}
