"""Which reading of a message wins (docs/safety.md, docs/dialogue.md): a named emergency against "someone in
danger now", phrases that rule a situation out, every sentence of a long message, cue variants. Fake
embedder: cue phrases and exact examples; the real model is exercised by tests/integration/test_stories.py."""

import pytest

from bot.dialogue import IncomingMessage
from bot.safety import load_safety_texts
from bot.safety.step import SITUATION_REASON

TEXTS = load_safety_texts()


def ask(services, text, conversation):
    return services.dialogue.handle(IncomingMessage(conversation, text))


def test_a_fire_with_help_me_now_gets_119_and_what_to_say_not_110_first(fake_services):
    """ "help me now" is a cue of "someone in danger now" (110 or 119, police first); a named fire is 119."""
    first = ask(fake_services, "Help me now, my house is on fire!", "reading-fire")[0]
    assert first.emergency is not None and first.emergency.number == "119"
    assert fake_services.catalogs.text("en", "emergency_fire") in first.text
    assert not first.calls and first.handoff is None  # no "someone in danger" reply with 110 first


def test_a_knife_and_a_call_for_the_police_keeps_the_danger_reply_with_110_first(fake_services):
    """The police are 110, the danger reply's first line already: it stays, with its steps."""
    first = ask(fake_services, "He has a knife, call the police", "reading-knife")[0]
    assert first.calls[0].number == "110"
    assert TEXTS.situation("en", "danger_now")["title"] in first.text
    assert first.handoff.reason == SITUATION_REASON + "danger_now"


def test_a_crisis_named_beside_an_ambulance_keeps_the_crisis_line_first(fake_services):
    first = ask(fake_services, "I want to kill myself, I took pills, call an ambulance", "reading-crisis")[0]
    assert [c.number for c in first.calls][:2] == ["0120-279-338", "119"]


@pytest.mark.parametrize(
    "text, ruled_out",
    [
        ("My visa expires next month", ["overstay"]),
        ("my visa is about to expire, what do I do", ["overstay"]),
        ("Mi visa vence el mes que viene", ["overstay"]),
        ("ビザが もうすぐ切れそうです", ["overstay"]),
        ("签证快到期了", ["overstay"]),
        ("My application for extension was rejected", ["refugee_application"]),
        ("my visa expired last month", []),
        # walked: a renewal asked beside a place was answered "your period of stay has passed"
        ("I need to renew my visa, I live in Nagoya", ["overstay", "refugee_application"]),
        ("mi visa venció la semana pasada", []),
        # walked: "I want to extend my period of stay, where do I go?" in Vietnamese got the overstay reply
        ("Tôi muốn gia hạn thời gian lưu trú thì đi đâu?", ["overstay", "refugee_application"]),
        ("visa hết hạn tháng trước, giờ muốn gia hạn được không", ["overstay", "refugee_application"]),
        ("ざいりゅう きかんを のばしたい です", ["overstay"]),
        ("在留期間を更新したいです", ["overstay", "refugee_application"]),
        # a resident who wants to resign was read as dismissed
        ("Gusto kong mag-resign sa trabaho. Ano ang gagawin sa insurance?", ["dismissal"]),
        # a wife about to give birth was nearest the sexual-violence examples
        ("manganganak na asawa ko, paano makuha yung shussan ichijikin", ["sexual_violence"]),
        ("ginahasa ako", []),
    ],
)
def test_phrases_rule_a_situation_out(text, ruled_out):
    assert TEXTS.ruled_out(text) == ruled_out


@pytest.mark.parametrize("text", ["visa hết hạn tháng trước, giờ muốn gia hạn được không", "visa đã hết hạn rồi"])
def test_a_visa_that_has_run_out_is_an_overstay_by_its_words(text):
    """A cue ("hết hạn tháng trước": ran out last month) names the overstay even beside "want to renew"."""
    assert "overstay" in TEXTS.cue_hits(text)


def test_a_not_cue_rules_out_the_reading_by_example_not_a_cue(fake_services):
    recogniser = fake_services.dialogue.safety.recogniser
    # an overstay example word for word: found by example …
    assert "overstay" in recogniser.recognise("my visa expired last month").ids
    # … a visa that is about to expire is not an overstay, though it is as near that example
    assert "overstay" not in recogniser.recognise("I forgot to renew and now my visa is expiring").ids
    # a cue still counts: the resident's own visa has run out, their wife's has not
    assert "overstay" in recogniser.recognise("My visa expired last week, my wife's expires next month").ids


def test_the_fifth_sentence_of_a_long_message_is_read_too(fake_services):
    text = (
        "I live in Osaka. I came to Japan two years ago. I work in a factory. "
        "My wife works in a shop. Our son goes to school. They changed the lock while I was out."
    )
    assert "eviction" in fake_services.dialogue.safety.recogniser.recognise(text).ids


@pytest.mark.parametrize("text", ["my boss has not paid me for two months", "they did not pay me in May"])
def test_unpaid_wages_written_without_a_contraction_is_named(text):
    assert "unpaid_wages" in TEXTS.cue_hits(text)


@pytest.mark.parametrize(
    "text, avoiding",
    [
        # own dev questions (bench/data/safety_dev.yaml) that got the fraud reply
        ("詐欺に騙されないためにはどうすればいいですか", True),
        ("làm sao để không bị lừa đảo qua điện thoại", True),
        ("How can I avoid getting scammed?", True),
        ("Como evitar golpe pelo telefone?", True),
        ("I got scammed, they took 300,000 yen", False),
        ("詐欺にあいました", False),
        ("tôi bị lừa mất tiền", False),
    ],
)
def test_a_question_about_avoiding_something_is_told_apart(text, avoiding):
    assert TEXTS.asks_to_avoid(text) is avoiding


def test_a_question_about_avoiding_a_scam_is_no_fraud_report_but_a_danger_cue_still_counts(fake_services):
    recogniser = fake_services.dialogue.safety.recogniser
    assert "debt_fraud_consumer" in recogniser.recognise("I got scammed on the phone").ids
    assert "debt_fraud_consumer" not in recogniser.recognise("How can I avoid getting scammed on the phone?").ids
    # an immediate danger's cue is never second-guessed
    assert "suicide_selfharm" in recogniser.recognise("how do I avoid thinking I want to kill myself").ids


@pytest.mark.parametrize(
    "text",
    [
        "quero sair do apartamento no fim do mes, o que preciso fazer",
        "I want to move out next month",
        "来月引っ越したいです",
    ],
)
def test_moving_out_of_ones_own_will_is_no_eviction(text):
    assert "eviction" in TEXTS.ruled_out(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a phrase inside a longer phrase of another situation names that one only (Thai ไล่ออก: fired)
        ("เจ้าของห้องไล่ออกจากห้อง", ["eviction"]),
        ("โดนไล่ออกจากงาน", ["dismissal"]),
        ("ម្ចាស់ផ្ទះបណ្តេញខ្ញុំចេញពីបន្ទប់", ["eviction"]),  # the landlord drove me out of the room
        ("ក្រុមហ៊ុនបណ្តេញខ្ញុំចេញ", ["dismissal"]),  # the company drove me out: a dismissal
        # both named apart, and a "…" phrase is never shadowed
        ("my husband hits our son and hits me", ["domestic_violence", "child_abuse"]),
    ],
)
def test_a_cue_inside_a_longer_cue_of_another_situation_does_not_count(text, expected):
    assert sorted(TEXTS.cue_hits(text)) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # partner cues naming the writer as the one hit (kept from safety8; its who-is-hurt not_cues were not)
        ("my girlfriend hits me when she is drunk", "domestic_violence"),
        ("my boyfriend grabbed my throat last night", "domestic_violence"),
        ("पतिले रक्सी खाएर मलाई कुट्छ", "domestic_violence"),
        ("老公喝醉了就踢我", "domestic_violence"),
        ("社长扣着我的护照，还天天骂我", "workplace_harassment"),
        ("ម្ចាស់ផ្ទះនឹងដេញខ្ញុំចេញ", "eviction"),
        ("mi jefe siempre me grita y me humilla", "workplace_harassment"),
        ("o chefe grita comigo todo dia", "workplace_harassment"),
        ("사장님이 매일 소리 지르고 욕을 해요", "workplace_harassment"),
        ("sếp ngày nào cũng chửi em", "workplace_harassment"),
        ("atasan saya selalu membentak saya", "workplace_harassment"),
        ("patron her gün bağırıyor", "workplace_harassment"),
        ("начальник щодня кричить на мене", "workplace_harassment"),
        ("会社に寮を今月中に出ろって言われた", "eviction"),
        ("給料もう2か月もらってない", "unpaid_wages"),
        ("роботодавець не заплатив мені за два місяці", "unpaid_wages"),
        ("사장님이 내일부터 나오지 말래요", "dismissal"),
        ("me dijeron que no volviera al trabajo", "dismissal"),
        ("não precisa mais vir, disse o gerente", "dismissal"),
        ("tôi vay tín dụng đen và không trả được nợ", "debt_fraud_consumer"),
        ("pinjol terus menagih saya", "debt_fraud_consumer"),
        ("borcumu ödeyemiyorum, tefeci tehdit ediyor", "debt_fraud_consumer"),
    ],
)
def test_cues_name_the_problem(text, expected):
    assert expected in TEXTS.cue_hits(text)


@pytest.mark.parametrize(
    "text, other_side",
    [
        ("회사 인사담당인데 외국인 직원 해고할 때 서류 뭐가 필요해요?", True),
        ("I'm the employer, how do I dismiss a foreign employee?", True),
        ("従業員を解雇するときの手続きは？私は社長です", True),
        ("회사에서 해고당했어요", False),
        # a worker's own report names the employer or HR too
        ("นายจ้างยึดพาสปอร์ต ไม่ให้ออกไปไหน", False),
        ("fui a recursos humanos y me despidieron", False),
        ("인사담당자가 저를 해고했어요", False),
        ("ក្រុមហ៊ុនបណ្តេញបុគ្គលិកបរទេសទាំងអស់", False),
        ("I was fired yesterday", False),
    ],
)
def test_a_question_from_the_employers_side_is_told_apart(text, other_side):
    """employer_cues: no serious situation of the writer's own is read there (by cue or by example)."""
    assert TEXTS.asks_from_the_other_side(text) is other_side


def test_a_question_from_the_employers_side_names_no_dismissal_but_a_danger_still_counts(fake_services):
    recogniser = fake_services.dialogue.safety.recogniser
    assert "dismissal" in recogniser.recognise("I was fired yesterday").ids
    assert not recogniser.recognise("I'm the employer, how do I dismiss a foreign employee who got fired?").ids
    assert "suicide_selfharm" in recogniser.recognise("I'm the employer and I want to kill myself").ids


@pytest.mark.parametrize(
    "text, situation",
    [
        # being kept in is the opposite of being put out
        ("my boyfriend locks me in and won't let me out", "eviction"),
        ("mi pareja me encierra en casa", "eviction"),
        # a landlord's charge for cleaning when one moves out is no eviction
        ("landlord is charging me for cleaning and wallpaper", "eviction"),
        ("El dueño me quiere cobrar mucho por la limpieza", "eviction"),
    ],
)
def test_being_kept_in_or_charged_for_cleaning_is_no_eviction(text, situation):
    assert situation in TEXTS.ruled_out(text)


@pytest.mark.parametrize(
    "text, situation",
    [
        ("Не заплатив за електрику, відключать?", "unpaid_wages"),  # "I did not pay for electricity"
        ("I want to move out next month", "eviction"),
    ],
)
def test_an_everyday_question_names_no_serious_situation_by_cue(text, situation):
    assert situation not in TEXTS.cue_hits(text)
