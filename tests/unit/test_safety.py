"""Safety first (issue 13): the situation catalogue, the per-language steps, recognition by cue and by
example, and what a resident in danger sees first. Unit tests run on the fake embedder (cue phrases and
exact examples); the real model is measured by bench/safety.py."""

import re

import pytest

from bot.dialogue import IncomingMessage
from bot.safety import load_safety_texts, script_of
from bot.safety.step import SITUATION_REASON
from knowledge.paths import SITUATIONS_DIR, TRANSLATIONS_DIR
from knowledge.questions import load_intent_examples
from knowledge.situations import load_situations

# ordinary requests as a learner writes them (spaced kana) that once got an emergency reply (issue 13 item 4)
LEARNER_REQUESTS = [
    "こどもの がっこうに ついて しりたい",
    "あたらしい へやを さがしています",
    "となりの ひとが うるさいです",
    "すいどうが でません",
]

CATALOGUE, TEXTS = load_situations(), load_safety_texts()
IDS = (
    "suicide_selfharm domestic_violence sexual_violence stalking child_abuse danger_now trafficking_forced_labour "
    "documents_kept_by_employer unpaid_wages dismissal work_injury workplace_harassment trainee_ssw_trouble "
    "renewal_refused overstay deportation_detention arrest family_status_change refugee_application "
    "debt_fraud_consumer eviction crime_victim"
).split()
EDITIONS = sorted(p.parents[1].name for p in TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po"))
REQUESTED = {"crisis-line", "labour-foreign-workers", "otit-mother-tongue"}  # asked of the office directory
IMMEDIATE = {"suicide_selfharm", "domestic_violence", "sexual_violence", "child_abuse", "danger_now"}


# -- the catalogue as data --------------------------------------------------------------------------
def test_the_catalogue_has_every_situation_the_issue_names_and_the_immediate_ones_are_immediate():
    assert set(CATALOGUE.ids) == set(IDS)
    assert {s for s in IDS if CATALOGUE[s].immediate} == IMMEDIATE


@pytest.mark.parametrize("situation", IDS)
def test_every_situation_refers_to_a_confirmed_line_or_an_office_and_names_its_sources(situation):
    s = CATALOGUE[situation]
    assert set(s.lines) <= set(CATALOGUE.lines) | REQUESTED
    assert CATALOGUE.lines_for(situation) or s.office != "none"
    assert all(src.startswith(("https://", "guidebook:", "offices:")) for src in s.sources)
    if s.immediate:
        assert CATALOGUE.lines_for(situation), "an immediate danger needs a line to call first"


def test_every_line_number_was_read_on_a_specific_page():
    for line in CATALOGUE.lines.values():
        assert line.source.startswith(("https://", "guidebook:", "offices:")) and line.source.count("/") != 2
        assert re.fullmatch(r"#?[0-9-]+", line.number)


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_edition_has_steps_titles_and_line_names_for_every_situation(lang):
    for situation in IDS:
        assert TEXTS.has_steps(lang, situation), f"{lang}: {situation}"
        assert TEXTS.situation(lang, situation)["title"].strip()
    assert set(TEXTS.lines[lang]) >= set(CATALOGUE.lines)
    assert set(TEXTS.ui[lang]) == set(TEXTS.ui["en"])


@pytest.mark.parametrize("lang", EDITIONS)
def test_steps_never_carry_a_phone_number_of_their_own(lang):
    """Numbers come from lines.yaml only (the three-digit emergency numbers may be named in a step)."""
    for situation in IDS:
        for step in TEXTS.situation(lang, situation)["steps"]:
            assert not re.search(r"\d{2,5}-\d{2,4}-\d{3,4}|#\d{4}", step), f"{lang}: {situation}: {step}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_edition_has_examples_of_every_situation_and_twelve_of_each_immediate_one(lang):
    mine = [e for e in load_intent_examples(SITUATIONS_DIR) if e.lang == lang]
    counts = {}
    for example in mine:
        counts[example.topic_id.removeprefix("intent:situation_")] = (
            counts.get(example.topic_id.removeprefix("intent:situation_"), 0) + 1
        )
    assert set(counts) == set(IDS)
    assert min(counts[s] for s in IMMEDIATE) >= 10
    assert min(counts.values()) >= 4


# -- recognition by cue phrase ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("I want to kill myself", "suicide_selfharm"),
        ("死にたい", "suicide_selfharm"),
        ("しにたい です", "suicide_selfharm"),
        ("Tôi muốn tự tử", "suicide_selfharm"),
        ("quiero morir", "suicide_selfharm"),
        ("My husband hits me every day", "domestic_violence"),
        ("夫に毎日殴られています", "domestic_violence"),
        ("I was raped last night", "sexual_violence"),
        ("my neighbour beats his child", "child_abuse"),
        ("he says he will kill me", "danger_now"),
        ("my employer took my passport", "documents_kept_by_employer"),
        ("ビザの更新が不許可になった", "renewal_refused"),
        ("隣の子どもがたたかれている、どうしよう", "child_abuse"),
        ("となりの こどもが なぐられて います", "child_abuse"),
        ("bị cướp giật túi trên đường về", "crime_victim"),
        ("有个男的一直跟踪我", "stalking"),
        ("ក្រុមហ៊ុនមិនឲ្យលុយខែ", "unpaid_wages"),  # typed ឲ្យ; our cue is written ឱ្យ
        ("ក្រុមហ៊ុនបណ្ដេញខ្ញុំចេញពីការងារ", "dismissal"),  # typed ណ្ដ; our cue is written ណ្ត
    ],
)
def test_a_cue_phrase_names_its_situation(text, expected):
    assert expected in TEXTS.cue_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        *LEARNER_REQUESTS,
        "えいじゅうきょかの じょうけんを おしえて ください",
        "I like grapes",
        "How do I renew my visa?",
        "my child has a fever at night",
        "Where is the evacuation shelter?",
        "¿Dónde está el refugio de evacuación?",
        "trẻ bị sốt vào ban đêm",
        "在留カードを盗まれたら、どこで再発行しますか",  # a stolen card is a question about the card
        "我的在留卡被偷了，去哪里补办",
        "En yakın tahliye merkezi nerede?",  # tahliye: an evacuation, not an eviction
        "包丁はどうやって捨てますか",
        "ビザが来月切れますが、どうすればいいですか",
    ],
)
def test_ordinary_questions_name_no_situation(text):
    assert TEXTS.cue_hits(text) == []


@pytest.mark.parametrize(
    "text, script",
    [
        ("こどもの がっこうに ついて しりたい", "kana"),
        ("子供の学校について知りたい", "han"),
        ("kodomo no gakkou", "latin"),
        ("Tôi muốn tự tử", "latin"),
        ("죽고 싶어요", "hangul"),
        ("我想死", "han"),
        ("я хочу померти", "cyrillic"),
        ("อยากตาย", "thai"),
        ("म मर्न चाहन्छु", "devanagari"),
        ("ကျွန်မ သေချင်တယ်", "myanmar"),
        ("ខ្ញុំចង់ស្លាប់", "khmer"),
    ],
)
def test_the_script_of_a_message(text, script):
    assert script_of(text) == script


# -- what the resident sees -------------------------------------------------------------------------
def ask(services, text, conversation, lang=None):
    return services.dialogue.handle(IncomingMessage(conversation, text, lang=lang))


def test_i_want_to_kill_myself_gets_what_to_do_and_a_line_first_never_not_found(fake_services):
    replies = ask(fake_services, "I want to kill myself", "safety-1")
    first = replies[0]
    assert first.text.startswith(TEXTS.situation("en", "suicide_selfharm")["title"])
    assert first.calls and first.calls[0].number == CATALOGUE.lines_for("suicide_selfharm")[0].number
    assert "could not find" not in first.text and "prefecture" not in first.text.lower()
    assert first.handoff.reason == SITUATION_REASON + "suicide_selfharm"


def test_my_husband_hits_me_gets_the_police_first_and_never_bring_your_passport(fake_services):
    replies = ask(fake_services, "My husband hits me every day", "safety-2")
    first = replies[0]
    assert first.calls[0].number == "110" and first.calls[0].tel == "tel:110"
    bring = fake_services.catalogs.text("en", "office_bring")
    assert all(bring not in r.text for r in replies)
    assert TEXTS.text("en", "keep_talking") in first.text


@pytest.mark.parametrize(
    "text, lang, words",
    [
        ("死にたい", "ja", "今すること"),
        ("Tôi muốn tự tử", "vi", "Việc cần làm ngay"),
        ("quiero morir", "es", "Qué hacer ahora"),
    ],
)
def test_a_crisis_is_answered_in_the_residents_language(fake_services, text, lang, words):
    replies = ask(fake_services, text, f"safety-lang-{lang}", lang=lang)
    assert words in replies[0].text
    assert replies[0].calls[0].number == "0120-279-338"  # the crisis line first, then 119
    assert replies[0].calls[1].number == "119"


def test_a_passport_kept_and_wages_unpaid_get_both_steps_fresc_and_a_summary_naming_each(fake_services):
    text = "my employer took my passport and hasn't paid me for three months"
    first = ask(fake_services, text, "safety-3")[0]
    assert TEXTS.situation("en", "documents_kept_by_employer")["title"] in first.text
    assert TEXTS.situation("en", "unpaid_wages")["title"] in first.text
    assert fake_services.catalogs.text("en", "office_bring") not in first.text
    for situation in ("documents_kept_by_employer", "unpaid_wages"):
        assert TEXTS.situation("ja", situation)["title"] in first.handoff.summary_ja
    assert "0570-011000" in first.text  # FRESC


def test_a_neighbours_child_being_hit_gets_the_child_line_189_first_as_one_danger(fake_services):
    first = ask(fake_services, "隣の子どもがたたかれている、どうしよう", "safety-child-ja", lang="ja")[0]
    assert first.calls[0].number == "189"
    assert first.text.startswith(TEXTS.situation("ja", "child_abuse")["title"])  # one danger, not "several"


def test_someone_in_danger_now_beside_a_named_danger_is_that_danger_unless_its_lines_lack_110(fake_services):
    from bot.safety.recognise import Found, Recognition
    from bot.safety.answered import without_generic_danger

    safety = fake_services.dialogue.safety
    now = Found("danger_now", "immediate", 1.0, "cue")
    child = Recognition((Found("child_abuse", "immediate", 1.0, "cue"), now))
    assert without_generic_danger(safety, child).ids == ["child_abuse"]  # 110 is among its lines
    crisis = Recognition((Found("suicide_selfharm", "immediate", 1.0, "cue"), now))
    assert without_generic_danger(safety, crisis).ids == ["suicide_selfharm", "danger_now"]  # 110 is not


def test_an_immediate_danger_comes_before_a_place_named_in_the_same_message(fake_services):
    first = ask(fake_services, "I live in Osaka and my husband hits me every day", "safety-4")[0]
    assert first.calls[0].number == "110"


@pytest.mark.parametrize(
    "text",
    LEARNER_REQUESTS,
)
def test_kana_ordinary_questions_get_no_emergency_or_danger_reply(fake_services, text):
    replies = ask(fake_services, text, f"safety-kana-{hash(text)}")
    emergencies = {
        fake_services.catalogs.text("ja-plain", f"emergency_{k}")
        for k in ("fire", "ambulance", "police", "sea", "disaster")
    }
    assert not any(r.calls for r in replies)
    assert not any(r.text in emergencies for r in replies)


def test_the_staff_console_flags_an_immediate_danger_with_the_line_to_call(fake_services):
    from bot.staff_view import StaffDesk
    from knowledge.topics import load_topics

    d = fake_services.dialogue
    desk = StaffDesk(d.assistant, d.router, d.places, load_topics(), safety=d.safety)
    view = desk.look_up("My husband hits me every day", "en")
    assert TEXTS.situation("ja", "domestic_violence")["title"] in view.danger_ja
    assert view.danger_lines.split(" / ")[0] == "110"
    assert desk.look_up("How do I renew my visa?", "en").danger_ja == ""


def test_the_analytics_count_situations_by_kind_without_any_text(fake_services):
    from bot.store.analytics import build_report

    ask(fake_services, "I was raped last night", "safety-analytics")
    report = build_report(fake_services.store.engine, days=1)
    reasons = dict(report.situations)  # immediate danger is its own outcome, counted by kind
    assert reasons.get(SITUATION_REASON + "sexual_violence", 0) >= 1
    assert all("raped" not in reason for reason in reasons)


@pytest.mark.parametrize(
    "text", ["I want to kill myself", "死にたい", "Tôi muốn tự tử", "Quiero morir, ya no puedo más"]
)
def test_suicidal_thoughts_get_the_crisis_line_first_then_119(client, text):
    reply = client.post("/api/chat", json={"session_id": "crisis-" + text[:6], "text": text}).json()
    assert [call["number"] for call in reply["calls"]][:2] == ["0120-279-338", "119"]
    assert "0120-279-338" in reply["text"] and reply.get("handoff") is None or "prefecture" not in reply["text"]


@pytest.mark.parametrize(
    "text",
    ["my boss will kill me if i am late again", "mi esposo me pidió los papeles del seguro", "tulong may tanong ako"],
)
def test_everyday_phrases_are_no_cue_of_danger(text):
    immediate = {s for s in TEXTS.cue_hits(text) if CATALOGUE[s].immediate}
    assert immediate == set()
