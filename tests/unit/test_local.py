"""A municipality's own content (``tsunagu index --source DIR`` with a folder named by a place id) answers
before the national topic for that place's residents, and never for other places' residents (issue 14
item 7)."""

from dataclasses import dataclass

import pytest

from knowledge.catalog_texts import catalog_texts
from knowledge.local import local_first, municipality_of

PLACES = {"shizuoka", "hamamatsu", "osaka", "tokyo", "shinjuku"}


@dataclass
class Hit:
    topic_id: str
    dense: float


@pytest.mark.parametrize(
    ("topic_id", "expected"),
    [
        ("src:hamamatsu/vi/garbage.md#1", "hamamatsu"),
        ("src:Hamamatsu/garbage.md#2", "hamamatsu"),
        ("src:city/shinjuku/en/guide.pdf#3", "shinjuku"),
        ("src:vi/garbage.md#1", ""),  # no place folder: general content
        ("src:hamamatsu.md#1", ""),  # a file name is not a folder
        ("garbage", ""),  # the national guidebook
        ("status:student", ""),
    ],
)
def test_the_folder_says_whose_content_it_is(topic_id, expected):
    assert municipality_of(topic_id, PLACES) == expected


def ids(hits):
    return [h.topic_id for h in hits]


NATIONAL = Hit("garbage", 0.80)
HAMAMATSU = Hit("src:hamamatsu/en/garbage.md#1", 0.78)
OSAKA = Hit("src:osaka/en/garbage.md#1", 0.90)


@pytest.mark.parametrize(
    ("home", "hits", "expected"),
    [
        # a Hamamatsu resident: the city's own page first when it matches about as well
        (("hamamatsu", "shizuoka"), [NATIONAL, HAMAMATSU, OSAKA], [HAMAMATSU.topic_id, "garbage"]),
        # an Osaka resident never gets Hamamatsu's rules
        (("", "osaka"), [NATIONAL, HAMAMATSU, OSAKA], [OSAKA.topic_id, "garbage"]),
        # place unknown: only national content
        (("", ""), [NATIONAL, HAMAMATSU, OSAKA], ["garbage"]),
        # a local page that matches clearly worse stays after the national answer
        (
            ("hamamatsu", "shizuoka"),
            [NATIONAL, Hit("src:hamamatsu/en/parks.md#1", 0.50)],
            ["garbage", "src:hamamatsu/en/parks.md#1"],
        ),
        # the prefecture's own content counts for a resident of one of its cities
        (
            ("hamamatsu", "shizuoka"),
            [NATIONAL, Hit("src:shizuoka/en/garbage.md#1", 0.79)],
            ["src:shizuoka/en/garbage.md#1", "garbage"],
        ),
    ],
)
def test_local_content_first_for_its_residents_only(home, hits, expected):
    assert ids(local_first(hits, home, PLACES)) == expected


def test_every_language_says_whose_information_a_local_answer_is():
    said = {t.lang: t.text for t in catalog_texts() if t.msgid == "local_answer"}
    languages = {t.lang for t in catalog_texts()}
    assert set(said) == languages
    assert all("{place}" in text for text in said.values())


@pytest.mark.slow
def test_a_residents_own_city_answers_first_and_says_so(tmp_path):
    """Files copied by ``tsunagu index --source hamamatsu/`` land in ``sources/hamamatsu/``."""
    from bot.dialogue import IncomingMessage
    from bot.replies import merge_replies
    from connectors.services import build_services
    from tests.conftest import fake_settings

    folder = tmp_path / "sources" / "hamamatsu" / "en"
    folder.mkdir(parents=True)
    (folder / "garbage.md").write_text(
        "# Where to put out garbage\n\nWhere can I put out my garbage? At your area's collection point, before 8:30.\n",
        encoding="utf-8",
    )
    dialogue = build_services(fake_settings(tmp_path)).dialogue
    question = "Where can I put out my garbage?"

    def answer(conversation, lives_in=""):
        if lives_in:
            dialogue.handle(IncomingMessage(conversation, f"I live in {lives_in}", lang="en"))
        return merge_replies(dialogue.handle(IncomingMessage(conversation, question, lang="en"))).text

    assert answer("local-1", "Hamamatsu").startswith("This is Hamamatsu's own information")
    assert "collection point, before 8:30" in answer("local-1")
    for other in (answer("local-2", "Osaka"), answer("local-3")):
        assert "8:30" not in other and "Hamamatsu" not in other
