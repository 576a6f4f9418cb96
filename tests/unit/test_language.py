import pytest

from bot.language import LanguageIdentifier, load_rules

SUPPORTED = "ja ja-plain en zh ko es pt vi ne th id my km fil mn tr uk".split()


@pytest.fixture(scope="module")
def identify():
    return LanguageIdentifier(SUPPORTED).detect


@pytest.mark.parametrize(
    ("text", "lang", "register"),
    [
        ("在留カードをなくしました", "ja", "standard"),
        ("ざいりゅう かーどを なくしました", "ja", "plain"),
        ("びょういんに いきたいです", "ja", "plain"),
        ("How do I extend my period of stay?", "en", "standard"),
        ("我的在留卡丢了怎么办", "zh", "standard"),
        ("주소 변경은 언제까지 해야 하나요?", "ko", "standard"),
        ("Perdí mi tarjeta de residencia, ¿qué hago?", "es", "standard"),
        ("Quero renovar meu cartão de residência", "pt", "standard"),
        ("Tôi bị mất thẻ cư trú", "vi", "standard"),
        ("मेरो निवास कार्ड हरायो", "ne", "standard"),
        ("ฉันทำบัตรไซริวหาย", "th", "standard"),
        ("Saya ingin memperpanjang izin tinggal saya", "id", "standard"),
        ("ကျွန်တော့် နေထိုင်ခွင့်ကတ် ပျောက်သွားတယ်", "my", "standard"),
        ("ខ្ញុំបាត់កាតស្នាក់នៅ", "km", "standard"),
        ("Paano ko papalitan ang address ko?", "fil", "standard"),
        ("Оршин суух үнэмлэхээ гээчихлээ", "mn", "standard"),
        ("Oturma kartımı kaybettim, ne yapmalıyım?", "tr", "standard"),
        ("Як продовжити термін перебування в Японії?", "uk", "standard"),
    ],
)
def test_each_supported_language_is_recognised(identify, text, lang, register):
    detection = identify(text)
    assert (detection.lang, detection.register) == (lang, register)


def test_traditional_chinese_is_answered_in_chinese_and_marked(identify):
    detection = identify("我的在留卡遺失了，請問應該怎麼辦")
    assert detection.lang == "zh" and detection.variant == "zh-Hant"


def test_zawgyi_burmese_is_converted_to_unicode_first(identify):
    zawgyi = "မဂၤလာပါ ကၽြန္ေတာ္ နာမည္"
    detection = identify(zawgyi)
    assert detection.zawgyi and detection.lang == "my"
    assert detection.text != zawgyi and "င်္" in detection.text


def test_text_without_letters_falls_back_to_the_default(identify):
    detection = identify("12345 ???")
    assert detection.lang == "en" and detection.confidence == 0.0


def test_a_language_outside_the_supported_set_is_never_returned():
    only_some = LanguageIdentifier(["en", "ja"])
    assert only_some.detect("Як продовжити термін перебування?").lang in {"en", "ja"}


def test_rules_file_is_valid():
    rules = load_rules()
    assert rules.script_of("あ") == "hiragana" and rules.script_of("ก") == "thai"
    assert set(rules.script_languages.values()) <= set(SUPPORTED)


def test_detection_is_safe_from_many_threads():
    from concurrent.futures import ThreadPoolExecutor

    identifier = LanguageIdentifier(SUPPORTED)
    texts = [f"Quiero renovar mi tarjeta de residencia número {i}" for i in range(64)]
    with ThreadPoolExecutor(8) as pool:
        langs = list(pool.map(lambda t: identifier.detect(t).lang, texts))
    assert set(langs) == {"es"}
