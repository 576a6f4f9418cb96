"""A serious situation only feared or checked for is no situation (``mistaken_cues``), and the indirect ways of
telling a crisis or violence at home are cues (``translations/<lang>/situations.yaml``, safety14). Messages
written for these tests; the fake embedder answers by cue phrases and exact examples only."""

from __future__ import annotations

import pytest

from bot.dialogue import IncomingMessage
from bot.safety import load_safety_texts
from bot.safety.step import SITUATION_REASON
from knowledge.situations import load_situations

TEXTS = load_safety_texts()
CATALOGUE = load_situations()


def ask(services, text, conversation):
    return services.dialogue.handle(IncomingMessage(conversation, text))


def test_only_serious_situations_have_mistaken_cues():
    """A danger is never set aside because the message also says "false alarm"."""
    assert TEXTS.mistaken_cues
    assert all(not CATALOGUE[s].immediate for s in TEXTS.mistaken_cues)


@pytest.mark.parametrize(
    "text, mistaken",
    [
        ("I thought my visa had expired, but it runs until June. Where is the expiry date on the card?", True),
        ("false alarm, my visa is fine. how do I check the expiry date?", True),
        ("pensei que o visto tinha vencido, mas ainda não venceu", True),
        ("以为签证过期了，原来还没有。卡上哪里看到期日？", True),
        ("ビザが切れたかと思ったけど、まだ大丈夫でした", True),
        ("비자가 만료된 줄 알았는데 아직 괜찮아요", True),
        ("vizem doldu sandım ama henüz dolmadı", True),
        ("my visa expired three months ago and I am still here", False),
        ("meu visto venceu faz dois meses", False),
    ],
)
def test_a_situation_only_feared_is_ruled_out_by_cue_and_by_example(text, mistaken):
    assert ("overstay" in TEXTS.mistaken(text)) is mistaken
    if mistaken:
        assert "overstay" in TEXTS.ruled_out(text)
    assert ("overstay" in TEXTS.figurative(text)) is mistaken


def test_a_visa_feared_expired_gets_no_overstay_reply(fake_services):
    replies = ask(fake_services, "meu visto venceu?? ah não, alarme falso. onde vejo a data de vencimento?", "m-1")
    assert not any(r.handoff and r.handoff.reason == SITUATION_REASON + "overstay" for r in replies)


@pytest.mark.parametrize(
    "text, situation",
    [
        ("I have been saving up sleeping pills for weeks", "suicide_selfharm"),
        ("last night I cut my arms again, I can't stop", "suicide_selfharm"),
        ("every evening I think about how to step off the platform when the express comes", "suicide_selfharm"),
        ("また手首を切ってしまった", "suicide_selfharm"),
        ("ずっと 睡眠薬を ためて います", "suicide_selfharm"),
        ("ontem cortei os pulsos de novo", "suicide_selfharm"),
        ("tadi malam aku nyilet tangan lagi", "suicide_selfharm"),
        ("naglaslas ulit ako kanina", "suicide_selfharm"),
        ("晚上又用刀片划手腕了", "suicide_selfharm"),
        ("수면제를 모아 두고 있어요", "suicide_selfharm"),
        ("남편이 출근할 때 저를 집에 가두고 나가요", "domestic_violence"),
        ("chồng em đi làm thì nhốt em trong nhà", "domestic_violence"),
        ("чоловік душить мене, коли п'яний", "domestic_violence"),
        ("夫は出かけるとき私を部屋に閉じ込めます", "domestic_violence"),
        ("tolong, ada cewek teriak minta tolong di sebelah", "danger_now"),
    ],
)
def test_indirect_ways_of_telling_a_crisis_or_violence_are_cues(text, situation):
    assert situation in TEXTS.cue_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "在留期限は来月です。更新の手続きは？",
        "วีซ่าจะหมดเดือนหน้า ต่ออายุได้ที่ไหน",
        "vizem gelecek ay bitiyor, nasıl yenilerim",
        "签证下个月到期，怎么续签",
    ],
)
def test_a_renewal_before_the_date_is_no_overstay(text):
    assert "overstay" in TEXTS.ruled_out(text)
    assert "overstay" not in TEXTS.cue_hits(text) or "overstay" in TEXTS.figurative(text)


def test_a_cut_by_accident_is_no_crisis_cue():
    for text in (
        "I cut my finger while cooking",
        "I cut my arm on a metal sheet at the factory, does rousai cover it?",
        "工場で腕を切ってしまいました。労災になりますか",
        "khana pakauda afno haat kaatiyo",
        "how do I cut my hair at home",
        "el tren de las 8 sale del andén 2",
    ):
        assert "suicide_selfharm" not in TEXTS.cue_hits(text)


@pytest.mark.parametrize(
    "text, asked",
    [
        ("can my renewal be refused if I paid my taxes late?", True),
        ("税金の支払いが遅れたら、更新は不許可になりますか", True),
        ("vergi borcum varsa vize yenilemem reddedilir mi?", True),
        ("my visa renewal was refused last week", False),
        ("更新が不許可になりました", False),
    ],
)
def test_a_refusal_asked_about_is_not_a_refusal_suffered(text, asked):
    assert ("renewal_refused" in TEXTS.mistaken(text)) is asked
