"""Both parts answered (issue 12): a question comparing two things is answered on each ("what is the difference
between resident tax and income tax?"), a serious situation's reply names the guidebook topic it answers
(unpaid wages beside a question about sending money home), and "I want X and also Y" asks for Y too — also
when residents type the joiner without accents ("y tambien", "e tambem") or in romanised Nepali ("ani")."""

from __future__ import annotations

import pytest

from bot.dialogue import IncomingMessage
from bot.dialogue.clauses import compares, requests
from bot.dialogue.parts import load_joiners, split_message
from bot.dialogue.residence import load_residence_phrases
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places

PLACES = load_places()
PHRASES = load_residence_phrases(TRANSLATIONS_DIR)
JOINERS = load_joiners(TRANSLATIONS_DIR)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("What's the difference between the national pension and the employees' pension?", "en", True),
        ("Is a my number card the same as a residence card?", "en", True),
        ("How do I pay resident tax?", "en", False),
        ("The birth cost less than the allowance, can I get the difference back?", "en", False),  # an amount
        ("El parto costó menos que el subsidio, ¿me devuelven la diferencia?", "es", False),
        ("年金と健康保険の違いを教えてください", "ja", True),
        ("ビザの更新はどこでしますか", "ja", False),
        ("국민연금이랑 후생연금 차이가 뭐예요?", "ko", True),
        ("다른 회사로 옮기면 신고해야 해요?", "ko", False),  # 다른 "another" is no comparison
        ("Bảo hiểm y tế và bảo hiểm hưu trí khác nhau thế nào?", "vi", True),
        ("Apa bedanya SIM internasional dan SIM Jepang?", "id", True),
        ("ประกันสุขภาพกับประกันสังคมต่างกันยังไง", "th", True),
        ("ကွာရှင်းရင် ဗီဇာ ဘယ်လို လုပ်ရမလဲ", "my", False),  # ကွာရှင်း "divorce" is no comparison
        ("Emeklilik ile sağlık sigortası arasındaki fark ne?", "tr", True),
        ("¿Cuál es la diferencia entre el nenkin y el kokumin kenko hoken?", "es", True),
        ("健康保险和国民年金有什么区别？", "zh", True),
    ],
)
def test_a_question_comparing_two_things_is_told(text, lang, expected):
    assert compares(text, JOINERS.words(lang)) is expected


@pytest.mark.parametrize(
    ("text", "lang", "questions", "joined"),
    [
        # a want, then "and also" a second thing wanted: two questions, the second asked too
        ("saya mau buka rekening bank dan juga belajar bahasa Jepang", "id", 2, 1),
        ("I want to renew my visa and also get a driving licence", "en", 2, 1),
        # typed without accents, as residents often do
        ("quiero pedir el subsidio por hijos y tambien inscribirlo en la guarderia", "es", 2, 1),
        ("quero tirar o my number e tambem abrir conta no banco", "pt", 2, 1),
        # romanised Nepali "ani" (and then)
        ("malai visa renew garnu xa ani license pani banaunu xa", "ne", 2, 1),
        # a sentence opening with "and also" after a question raises one more matter
        ("Where is the police box? Also, I lost my residence card", "en", 2, 1),
        ("ga cảnh sát ở đâu? với cả em bị mất thẻ ngoại kiều", "vi", 2, 1),
        # a joiner's side is long enough at half the length in kanji: five characters want a renewal
        ("想续签签证，还有怎么交住民税？", "zh", 2, 0),
        # one question: nothing joined
        ("How do I renew my visa?", "en", 1, 0),
    ],
)
def test_a_side_joined_to_a_request_is_asked_too(text, lang, questions, joined):
    parts = split_message(text, lang, PLACES, PHRASES, joiners=JOINERS)
    assert (len(parts.questions), len(parts.joined_questions)) == (questions, joined)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang", "topics"),
    [
        # two things compared: each answered
        ("What's the difference between resident tax and income tax?", "en", {"resident-tax", "income-tax"}),
        ("住民税と所得税の違いは何ですか？", "ja", {"resident-tax", "income-tax"}),
        ("주민세와 소득세는 뭐가 차이예요?", "ko", {"resident-tax", "income-tax"}),
        ("Thuế thị dân và thuế thu nhập khác nhau ở chỗ nào?", "vi", {"resident-tax", "income-tax"}),
        ("Apa perbedaan shakai hoken dan kokumin kenko hoken?", "id", {"employee-insurance", "health-insurance"}),
        (
            "¿Cuál es la diferencia entre el seguro de salud de la empresa y el kokumin kenko hoken?",
            "es",
            {"employee-insurance", "health-insurance"},
        ),
        # a serious situation beside a question: the situation's reply names its topic, the question is answered
        (
            "My boss hasn't paid my salary for three months. Also, how do I send money home?",
            "en",
            {"unpaid-wages", "sending-money-abroad"},
        ),
        (
            "My landlord is kicking me out next week. Also, how do I stop the gas and electricity?",
            "en",
            {"renting-home", "utilities"},
        ),
        # "and also" after a want, with or without accents
        (
            "quiero inscribir a mi hija en la escuela primaria y tambien tomar clases de japones",
            "es",
            {"school-enrolment", "japanese-classes"},
        ),
        (
            "quero abrir uma conta no banco e tambem mandar dinheiro para o Brasil",
            "pt",
            {"bank-account", "sending-money-abroad"},
        ),
        (
            "saya mau buka rekening bank dan juga kirim uang ke Indonesia",
            "id",
            {"bank-account", "sending-money-abroad"},
        ),
        # a place stated, then two requests joined by 还有 (five characters before it)
        ("我住在福冈，想续签签证，还有怎么交住民税？", "zh", {"period-extension", "resident-tax"}),
        # a danger with its number asked, then "and also" one more matter: answered after the danger's lines
        (
            "có kẻ lạ đang đập cửa nhà em, số cảnh sát là gì? với cả hôm qua em đánh rơi ví ở ga",
            "vi",
            {"lost-and-found"},
        ),
    ],
)
def test_both_parts_are_answered(real_services, text, lang, topics):
    replies = real_services.dialogue.handle(IncomingMessage(f"both-parts-{lang}-{len(text)}", text, lang=lang))
    assert topics <= {s.id for r in replies for s in r.sources}


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "lang", "topic"),
    [
        # no comparison: one topic, not its close neighbour too
        ("How do I pay resident tax?", "en", "resident-tax"),
        ("住民税はどこで払いますか", "ja", "resident-tax"),
        # two things one topic covers (nursery schools and kindergartens): no second topic guessed beside it
        ("What's the difference between hoikuen and yochien for a three year old?", "en", "nursery-school"),
        ("hoikuen និង yochien ខុសគ្នាត្រង់ណា?", "km", "nursery-school"),
        ("होइकुएन र योचिएन बीच के फरक छ?", "ne", "nursery-school"),
        ("Ano ang pinagkaiba ng hoikuen sa yochien?", "fil", "nursery-school"),
    ],
)
def test_a_question_about_one_topic_gets_that_topic_only(real_services, text, lang, topic):
    replies = real_services.dialogue.handle(IncomingMessage(f"one-topic-{lang}-{len(text)}", text, lang=lang))
    assert {s.id for r in replies for s in r.sources} == {topic}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a want written plainly, without です, says what the resident wants done
        ("つぎ の しごと を さがしたい", "ja-plain", True),
        ("こくほ に はいりたい", "ja-plain", True),
        ("かいしゃ を クビ に なりました", "ja-plain", False),
        # "needed" without "to me"
        ("Також потрібна допомога з пошуком роботи", "uk", True),
        ("Мене звільнили без попередження", "uk", False),
        # Nepali: needed, would like to (Devanagari and romanised)
        ("होइकुएन मा राख्न मन छ", "ne", True),
        ("malai bank khata kholna man xa", "ne", True),
    ],
)
def test_a_want_is_a_request(text, lang, expected):
    assert requests(text, JOINERS.words(lang)) is expected
