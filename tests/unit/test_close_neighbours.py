"""Close neighbours for a part of a message (issue 12): when a part's best topic leads the next by very little,
the topic whose title in the conversation's language shares clearly more of the part's words comes first."""

from __future__ import annotations

import pytest

from bot.dialogue import IncomingMessage
from bot.dialogue.neighbours import letter_grams, shared_letters


@pytest.mark.parametrize(
    ("part", "title", "other"),
    [
        (
            "When is oversized garbage collected",
            "Oversized garbage and home appliances",
            "Sorting and putting out garbage",
        ),
        ("쓰레기 버리는 방법을 알려주세요", "쓰레기 분리와 버리는 법", "대형 쓰레기와 가전제품"),
        ("Розкажіть про медичне страхування", "Державне медичне страхування", "Соціальне страхування на роботі"),
        # a long title does not win by its length alone
        ("як отримати допомогу на дитину?", "Допомога на дітей", "Одноразова допомога при народженні дитини"),
    ],
)
def test_the_title_sharing_more_of_the_parts_words_scores_higher(part, title, other):
    assert shared_letters(part, title) > shared_letters(part, other)


def test_letter_grams_are_pairs_in_kanji_and_hangul_and_triples_elsewhere():
    assert letter_grams("年金") == {"年金"}
    assert letter_grams("쓰레기") == {"쓰레", "레기"}
    assert letter_grams("basura") == {"bas", "asu", "sur", "ura"}
    assert letter_grams("कर") == {"कर"}  # a short word as it is


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang", "topic"),
    [
        (
            # garbage 0.897, oversized garbage 0.889 for the first part (the examples of 2026-12-07)
            "How do I put out oversized garbage, and how do I get my child into a nursery school?",
            "en",
            "oversized-garbage",
        ),
        ("Розкажіть про медичне страхування і пенсію.", "uk", "health-insurance"),
        ("Queria saber sobre o seguro de saúde e a aposentadoria.", "pt", "health-insurance"),
    ],
)
def test_a_part_gets_the_neighbour_its_words_name(real_services, text, lang, topic):
    replies = real_services.dialogue.handle(IncomingMessage(f"neighbours-{lang}", text, lang=lang))
    assert topic in {s.id for r in replies for s in r.sources}
