"""Two questions in one sentence are cut into two parts, in every language; one question stays whole."""

from __future__ import annotations

import pytest

from bot.dialogue.parts import load_joiners, split_message
from bot.dialogue.residence import load_residence_phrases
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places

PLACES = load_places()
PHRASES = load_residence_phrases(TRANSLATIONS_DIR)
JOINERS = load_joiners(TRANSLATIONS_DIR)


def questions(text: str, lang: str) -> list[str]:
    return split_message(text, lang, PLACES, PHRASES, joiners=JOINERS).questions


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("How do I renew my visa and where do I pay resident tax?", "en"),
        ("My bicycle was stolen and what is the police number?", "en"),
        ("I moved to a new apartment last week and how do I register my address?", "en"),
        ("¿Cómo renuevo mi visa y dónde pago el impuesto de residente?", "es"),
        ("Como renovo meu visto e onde pago o imposto residencial?", "pt"),
        ("Gia hạn visa thế nào và đóng thuế cư trú ở đâu?", "vi"),
        ("Xe đạp của tôi bị mất cắp và số điện thoại cảnh sát là gì?", "vi"),
        ("Bagaimana cara memperpanjang visa dan di mana membayar pajak penduduk?", "id"),
        ("Paano mag-renew ng visa at saan magbabayad ng resident tax?", "fil"),
        ("Vizemi nasıl uzatırım ve oturum vergisini nerede öderim?", "tr"),
        ("Як продовжити візу і де сплатити податок?", "uk"),
        ("Визээ яаж сунгах вэ, оршин суугчийн татварыг хаана төлөх вэ?", "mn"),
        ("भिसा कसरी नवीकरण गर्ने र आवासीय कर कहाँ तिर्ने?", "ne"),
        ("ต่ออายุวีซ่าทำยังไงคะ จ่ายภาษีผู้อยู่อาศัยที่ไหนคะ", "th"),
        ("จักรยานของฉันถูกขโมย เบอร์ตำรวจคืออะไร", "th"),
        ("ဗီဇာသက်တမ်းတိုးဖို့ ဘယ်လိုလုပ်ရမလဲ၊ နေထိုင်သူအခွန် ဘယ်မှာပေးရမလဲ။", "my"),
        ("ကျွန်တော့်စက်ဘီး ခိုးခံရတယ် ရဲဖုန်းနံပါတ် ဘယ်လောက်လဲ", "my"),
        ("កង់របស់ខ្ញុំត្រូវបានគេលួច ហើយលេខប៉ូលីសគឺប៉ុន្មាន?", "km"),
        ("비자는 어떻게 연장하고 주민세는 어디서 내나요?", "ko"),
        ("签证怎么续签，住民税在哪里交？", "zh"),
        ("我的自行车被偷了，警察电话是多少？", "zh"),
        ("ビザの更新はどうすればいいですか、住民税はどこで払いますか？", "ja"),
        ("自転車を盗まれました警察の番号は何番ですか", "ja"),
        ("My bicycle was stolen, what is the police number?", "en"),  # a statement, a question of its own
        ("Xe đạp của tôi bị mất cắp, số điện thoại cảnh sát là bao nhiêu?", "vi"),
        ("Me robaron la bicicleta, ¿cuál es el número de la policía?", "es"),
        ("भिसा कसरी नवीकरण गर्ने कर कहाँ तिर्ने", "ne"),  # no punctuation: after the verb that asks
        ("मेरो कार्ड हरायो प्रहरीको नम्बर कति हो", "ne"),
        ("កាតស្នាក់នៅបាត់ ប៉ូលិសលេខប៉ុន្មាន", "km"),
        ("pano po magtapon ng basura tsaka saan po ang city hall", "fil"),
        ("Kartu residen saya hilang, nomor polisi berapa?", "id"),
        ("こくみんけんこうほけんに はいりたいです ねんきんは どう しますか", "ja-plain"),  # spaced, no 。
        # two things asked about in one frame: a question for each
        ("Tôi muốn hỏi về bảo hiểm y tế và lương hưu", "vi"),
        ("Can you tell me about health insurance and the pension?", "en"),
        ("国民年金と国民健康保険について教えてください", "ja"),
        ("転入届と印鑑登録はどこでしますか", "ja"),
        ("국민건강보험과 국민연금에 대해 알려주세요", "ko"),
        ("请问国民健康保险和国民年金怎么加入？", "zh"),
        ("Saya mau tanya tentang asuransi kesehatan dan pensiun.", "id"),
        ("Sağlık sigortası ve emeklilik hakkında bilgi almak istiyorum.", "tr"),
        # two questions without a joiner word, each with its own frame (not one pair of things)
        ("영주권 신청 조건이 뭐고 귀화는 어떻게 해요?", "ko"),
        ("주민세는 언제 내고 연금은 어디서 내요?", "ko"),
    ],
)
def test_two_questions_in_one_sentence_are_two_parts(text, lang):
    assert len(questions(text, lang)) == 2


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Where is the immigration office and what are its hours?", "en"),  # the same thing: one question
        ("I lost my residence card, what should I do?", "en"),
        ("Hi, how do I register my address?", "en"),
        ("Perdí mi tarjeta de residencia, ¿qué debo hacer?", "es"),
        ("Tôi bị mất thẻ cư trú, tôi nên làm gì?", "vi"),  # the question only asks about the statement
        ("Xin chào, tôi muốn hỏi cách gia hạn visa?", "vi"),
        ("すみません、ビザの更新はどこでできますか", "ja"),
        ("在留カードをなくしたのですが、どうすればいいですか", "ja"),
        ("체류카드를 잃어버렸는데 어떻게 해야 하나요?", "ko"),
        ("สวัสดีค่ะ ต่ออายุวีซ่าทำยังไงคะ", "th"),
        ("မင်္ဂလာပါ ဗီဇာသက်တမ်းတိုးဖို့ ဘယ်လိုလုပ်ရမလဲ", "my"),
        ("नमस्ते, भिसा कसरी नवीकरण गर्ने?", "ne"),
        ("Хүүхдийн мөнгө хаана авах вэ?", "mn"),  # мөнгө "money" holds мөн "also": a joiner is a whole word
        ("日本人と結婚した場合は何が必要ですか", "ja"),  # と after a person, then a clause: not two things
        ("我和妻子的签证怎么办", "zh"),  # 我 is no thing asked about
        ("しゅっしょうとどけの ことを おしえて ください", "ja-plain"),  # the と inside a word
        ("ひとり親と児童扶養手当について教えてください", "ja"),  # the と of ひとり
    ],
)
def test_one_question_stays_whole(text, lang):
    assert len(questions(text, lang)) == 1


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I live in Aichi, where do I renew my visa and where do I pay resident tax?", "en"),
        ("ကျွန်တော် Osaka မှာ နေတယ် ဗီဇာ ဘယ်မှာ တိုးရမလဲ၊ အခွန် ဘယ်မှာ ပေးရမလဲ", "my"),
    ],
)
def test_the_questions_after_a_place_are_cut_too_and_the_place_is_not_a_question(text, lang):
    parts = split_message(text, lang, PLACES, PHRASES, joiners=JOINERS)
    assert parts.place is not None and len(parts.questions) == 2


def test_a_statement_of_one_word_beside_a_joiner_is_not_cut():
    # Mongolian "бас" (also) inside a short statement: "my passport too, I lost" stays one part
    assert len(questions("Паспортоо бас гээсэн.", "mn")) == 1


def test_a_want_beside_a_question_of_its_own_is_a_part_of_its_own_and_not_beside_a_vague_one():
    from bot.dialogue.parts import split_message  # noqa: PLC0415

    def marked(text: str, lang: str) -> list[bool]:
        parts = split_message(text, lang, PLACES, PHRASES, joiners=JOINERS)
        return [q in parts.weak_questions for q in parts.questions]

    # "I want to register for health insurance, where do I pay resident tax?": two requests, neither weak
    assert marked("ខ្ញុំចង់ចុះឈ្មោះធានារ៉ាប់រងសុខភាព តើបង់ពន្ធលំនៅដ្ឋាននៅឯណា?", "km") == [False, False]
    # "I want to change jobs, what should I do?": the question asks about the want (weak, one question)
    assert marked("ကျွန်တော် အလုပ်ပြောင်းချင်တယ် ဘာလုပ်ရမလဲ", "my") == [True, True]


def test_a_question_with_its_own_frame_is_not_a_pair_of_things():
    cut = questions("재류카드 주소 변경은 어디서 하고 국민건강보험 가입은 어떻게 해요?", "ko")
    assert len(cut) == 2 and "어디서은" not in cut[0]
    # a cut with a question on each side comes before a pair of things
    cut = questions("월급을 못 받았는데 어디에 상담하고 산재는 어떻게 신청해요?", "ko")
    assert cut == ["월급을 못 받았는데 어디에 상담하", "산재는 어떻게 신청해요?"]


@pytest.mark.parametrize(
    ("text", "lang", "is_vague"),
    [
        ("怎么办？", "zh", True),
        ("我应该去哪里咨询？", "zh", True),
        ("儿童津贴怎么申请？", "zh", False),  # names the child allowance
        ("工伤怎么申请", "zh", False),
        ("どうすればいいですか", "ja", True),
        ("どこに行けばいいですか", "ja", True),
        ("出生届はどこ？", "ja", False),
        ("What should I do?", "en", True),
        ("Where can I get help?", "en", True),
        ("Where do I pay taxes?", "en", False),
        ("Хог яаж хаях вэ?", "mn", False),  # names garbage
        ("Би яах ёстой вэ?", "mn", True),
        ("Apa yang harus saya lakukan?", "id", True),
        ("Di mana ganti alamat?", "id", False),
        ("ทิ้งขยะอย่างไร", "th", False),
        ("ต้องทำอย่างไร", "th", True),
        ("귀화는 어떻게 해요?", "ko", False),  # names naturalisation
        ("연금은 어디서 내요?", "ko", False),
        ("어떻게 해야 하나요?", "ko", True),
        ("제가 뭘 해야 돼요?", "ko", True),
        ("어디에 상담해요?", "ko", True),
        # plain Japanese: a word before a particle written apart names the thing (ごみ, ひなんじょ: the asking
        # word なん inside it), a word that asks does not
        ("ごみ は いつ だしますか", "ja-plain", False),
        ("ひなんじょ は どこ ですか", "ja-plain", False),
        ("くすり は どこ ですか", "ja-plain", False),
        ("どう すれば いい ですか", "ja-plain", True),
        ("なに を すれば いい ですか", "ja-plain", True),
        ("どこに いけば いい ですか", "ja-plain", True),
        ("いつ まで ですか", "ja-plain", True),
    ],
)
def test_a_question_of_asking_words_and_fillers_only_is_vague(text, lang, is_vague):
    from bot.dialogue.clauses import vague  # noqa: PLC0415

    assert vague(text, JOINERS.words(lang)) is is_vague


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # two questions run on without punctuation: cut after the first question's end (question_ends)
        ("入管はどこ住民税はいつ払う", "ja", ["入管はどこ", "住民税はいつ払う"]),
        ("ごみ は いつ だす ねんきん は どう する", "ja-plain", ["ごみ は いつ だす", "ねんきん は どう する"]),
        ("びょういん は どこ くすり は どこで かう", "ja-plain", ["びょういん は どこ", "くすり は どこで かう"]),
        ("주민세는 어디서 내요 연금은 언제 받아요", "ko", ["주민세는 어디서 내요", "연금은 언제 받아요"]),
        ("출입국 사무소는 어디예요 비자 갱신은 언제예요", "ko", ["출입국 사무소는 어디예요", "비자 갱신은 언제예요"]),
        ("入管在哪里签证什么时候续", "zh", ["入管在哪里", "签证什么时候续"]),
        ("住民税多少钱国民健康保险怎么加入", "zh", ["住民税多少钱", "国民健康保险怎么加入"]),
        # one question stays whole: the word that asks goes on, or one side does not ask
        ("どこの役所の窓口に行けばいいですか", "ja", ["どこの役所の窓口に行けばいいですか"]),
        ("ねんきんは どう しますか", "ja-plain", ["ねんきんは どう しますか"]),
        ("우리 어머니 비자는 어떻게 연장해요", "ko", ["우리 어머니 비자는 어떻게 연장해요"]),
        ("请问在哪里可以办理签证续签手续", "zh", ["请问在哪里可以办理签证续签手续"]),
        ("病院はどこ", "ja", ["病院はどこ"]),
    ],
)
def test_two_questions_run_on_without_punctuation_are_cut_between_them(text, lang, expected):
    assert questions(text, lang) == expected
