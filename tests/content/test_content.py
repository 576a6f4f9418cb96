"""The content checks of the knowledge base (docs/content-guide.md): any breach fails the build."""

from __future__ import annotations

import re

import pytest

from knowledge import content_checks as checks
from knowledge.content import languages_in, load_guidebook
from knowledge.offices import load_offices
from knowledge.paths import GUIDEBOOK_DIR
from knowledge.topics import load_topics

CHAPTERS = 12


@pytest.fixture(scope="module")
def sections():
    return load_guidebook(GUIDEBOOK_DIR)


@pytest.fixture(scope="module")
def offices():
    return load_offices()


def test_every_topic_exists_in_every_language_in_the_same_chapter(sections):
    assert checks.coverage_problems(sections) == []


def test_numbers_are_the_same_set_in_every_language(sections):
    assert checks.number_problems(sections) == []


def test_every_phone_number_in_the_content_is_in_the_office_data(sections, offices):
    assert checks.phone_problems(sections, offices, allowed_short=("#9110", "#7119")) == []


def test_topics_have_the_size_and_format_of_the_guide(sections):
    assert checks.format_problems(sections) == []


def test_every_topic_has_an_index_entry_with_source_and_date(sections):
    assert checks.topic_index_problems(sections, load_topics()) == []


def test_at_least_60_topics_and_3_per_chapter(sections):
    reference = [s for s in sections if s.lang == checks.REFERENCE_LANG]
    per_chapter = {}
    for s in reference:
        per_chapter.setdefault(s.chapter, set()).add(s.topic_id)
    assert len(reference) >= 60
    assert len(per_chapter) == CHAPTERS and min(len(t) for t in per_chapter.values()) >= 3


@pytest.mark.parametrize("lang", sorted(set(languages_in(GUIDEBOOK_DIR)) - {"ja", "ja-plain", "zh"}))
def test_no_japanese_script_leaks_into_other_languages_beyond_brackets(lang, sections):
    """Japanese terms are allowed in brackets only: a paragraph mostly in kana means an untranslated text."""
    for s in (s for s in sections if s.lang == lang):
        kana = len(re.findall(r"[\u3040-\u30ff]", s.body))
        assert kana < len(s.body) * 0.2, f"{lang}/{s.topic_id} looks untranslated"
