"""Every part of a message of several questions is answered (issue 12): a part whose topic ranks first for it is
not dropped — not for a statement beside it taking that topic, not for a request for a person read into
"I want to know about X and Y", not for a message cut into more pieces than can be answered."""

from __future__ import annotations

import pytest

from bot.dialogue import IncomingMessage
from bot.dialogue.parts import load_joiners, split_message
from bot.dialogue.residence import load_residence_phrases
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places

PLACES = load_places()
PHRASES = load_residence_phrases(TRANSLATIONS_DIR)
JOINERS = load_joiners(TRANSLATIONS_DIR)


@pytest.mark.parametrize(
    ("text", "lang", "pairs"),
    [
        ("I want to know about health insurance and the pension", "en", 2),
        ("Saya mau tanya tentang asuransi kesehatan dan pensiun.", "id", 2),
        ("国民年金と国民健康保険について教えてください", "ja", 2),
        ("How do I renew my visa and where do I pay resident tax?", "en", 0),  # two questions, no pair
    ],
)
def test_the_things_of_a_pair_are_marked(text, lang, pairs):
    assert len(split_message(text, lang, PLACES, PHRASES, joiners=JOINERS).pair_questions) == pairs


def test_a_message_can_be_cut_at_its_sentences_only():
    text = "I lost my card, what should I do? Also, where do I pay tax and how do I renew my visa?"
    fine = split_message(text, "en", PLACES, PHRASES, joiners=JOINERS).questions
    whole = split_message(text, "en", PLACES, PHRASES, joiners=JOINERS, sentences=True).questions
    assert len(fine) > len(whole) == 2


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang", "topics"),
    [
        # a statement beside the questions does not take the topic a question ranks first
        (
            "Our son was born yesterday. How do I register his birth, does he need a visa, and can we get the "
            "child allowance?",
            "en",
            {"birth-registration", "child-allowance"},
        ),
        # plain Japanese: "ごみ は いつ だしますか" names garbage (it was read as a vague question and left out)
        (
            "わたしは さいたまし に すんで います。 ごみ は いつ だしますか。 こどもてあて は どこで もらえますか",
            "ja-plain",
            {"garbage", "child-allowance"},
        ),
        # "I want to know about X and Y": a question about each, not a request for a person
        ("ကျန်းမာရေးအာမခံနဲ့ ပင်စင်အကြောင်း သိချင်ပါတယ်", "my", {"public-pension"}),
        ("ខ្ញុំចង់ដឹងពីការបន្តទិដ្ឋាការ និងលិខិតអនុញ្ញាតចូលវិញ", "km", {"period-extension", "reentry-permit"}),
        # cut into more pieces than can be answered (a compound noun cut as a pair): its sentences are asked
        (
            "ប្រពន្ធខ្ញុំមានផ្ទៃពោះ យកសៀវភៅម្តាយនិងកូននៅណា? ហើយកូនកើតហើយ ចុះសំបុត្រកំណើតយ៉ាងម៉េច",
            "km",
            {"pregnancy-handbook", "birth-registration"},
        ),
    ],
)
def test_each_part_is_answered(real_services, text, lang, topics):
    replies = real_services.dialogue.handle(IncomingMessage(f"every-part-{lang}-{len(text)}", text, lang=lang))
    assert topics <= {s.id for r in replies for s in r.sources}


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang", "asked", "guessed"),
    [
        ("今月は仕事がすごく忙しいです。ごみの出し方を教えてください。", "ja", "garbage", "work-injury"),
        (
            "しめきり が しぬほど いそがしい です。ごみ の だしかた を おしえて ください",
            "ja-plain",
            "garbage",
            "permanent-residence",
        ),
    ],
)
def test_a_part_that_only_tells_is_not_answered_with_a_guess(real_services, text, lang, asked, guessed):
    """A sentence that only tells ("I am very busy this month") beside a question is answered only with one of
    the message's nearest topics: its own best topic is a guess (work injury for "busy at work")."""
    replies = real_services.dialogue.handle(IncomingMessage(f"tells-{lang}-{len(text)}", text, lang=lang))
    answered = {s.id for r in replies for s in r.sources}
    assert asked in answered and guessed not in answered
