import pytest

from knowledge.content import ContentError, parse_chapter

GOOD = """# Residence procedures

## Residence card {#residence-card}

Carry it at all times.

- Show it when asked.

## New address {#residence-card-address}

Report within 14 days.
"""


def test_topics_keep_id_language_chapter_and_text():
    sections = parse_chapter(GOOD, lang="en", chapter="01-residence")
    assert [(s.topic_id, s.title, s.chapter_title) for s in sections] == [
        ("residence-card", "Residence card", "Residence procedures"),
        ("residence-card-address", "New address", "Residence procedures"),
    ]
    assert sections[0].body == "Carry it at all times.\n\n- Show it when asked."
    assert all(s.lang == "en" and s.chapter == "01-residence" for s in sections)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("## Card {#card}\n\ntext", "missing '# Chapter title'"),
        ("# Chapter\n\n## Card without id\n\ntext", "needs '## Title {#id}'"),
        ("# Chapter\n\nstray text\n\n## Card {#card}\n\ntext", "text before the first topic"),
        ("# Chapter\n\n## Card {#card}\n\n", "has no text"),
        ("# Chapter\n# Again\n\n## Card {#card}\n\ntext", "a second chapter title"),
    ],
)
def test_malformed_files_are_rejected_with_a_reason(text, message):
    with pytest.raises(ContentError, match=message):
        parse_chapter(text, lang="en", chapter="01-x", origin="file.md")
