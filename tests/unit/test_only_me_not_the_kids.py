"""Violence at home where the children are spared ("he never touches the kids, only me"), and who is hurt in Khmer,
Mongolian and Burmese (issue 13): the writer is the one hit — violence at home, the DV lines first —, a child hit
is a child in danger (189 first). Cue phrases and who-is-hurt words are data (``translations/<lang>/``); these
messages were written for these tests."""

import pytest

from bot.safety import load_safety_texts
from bot.safety.hurt import ADULT, CHILD

TEXTS = load_safety_texts()


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        # Khmer: the object follows the verb; មិន / អត់ before it denies it; នៅមុខ (in front of) stops the look
        ("ប្តីវាយខ្ញុំនៅមុខកូន", ADULT),
        ("គាត់អត់ដែលវាយកូនទេ វាយតែខ្ញុំ", ADULT),
        ("ប្តីខ្ញុំវាយកូនប្រុសរាល់ថ្ងៃ", CHILD),
        ("សង្សារខ្ញុំវាយកូនស្រីខ្ញុំ ពេលខ្ញុំនៅកន្លែងការងារ", CHILD),  # "my daughter" whole, not also ខ្ញុំ (me)
        ("ខ្ញុំចង់ប្តូរទិដ្ឋាការ", ""),
        # Mongolian: the one hurt before the verb; a negative verb ends in -гүй
        ("нөхөр намайг хүүхдүүдийн өмнө зоддог", ADULT),
        ("нөхөр хүүхдүүдэд гар хүрдэггүй, зөвхөн намайг", ADULT),
        ("нөхөр маань хүүгээ бүсээр цохидог", CHILD),
        ("эгчийг маань нөхөр нь зоддог", ADULT),
        ("визээ яаж сунгах вэ", ""),
        # Burmese: the one hurt marked with ကို before the verb; a denied verb begins with မ
        ("ယောက်ျားက ကလေးတွေ ရှေ့မှာ ကျွန်မကို ရိုက်တယ်", ADULT),
        ("ယောက်ျားက ကလေးတွေကို မရိုက်ဘူး၊ ကျွန်မကိုပဲ ထိုးတယ်", ADULT),
        ("ယောက်ျားက သမီးကို ရိုက်တယ်", CHILD),
        ("ဗီဇာ သက်တမ်းတိုးချင်တယ်", ""),
        # a child named with an age or as a nephew is a child hurt, not "me" before it
        ("my partner slaps my 6 year old son when he cries, he never hits me", CHILD),
        ("el novio de mi prima le pega a mi sobrina", CHILD),
    ],
)
def test_the_one_hit_decides_in_khmer_mongolian_and_burmese(text, victim):
    assert TEXTS.victim(text) == victim


@pytest.mark.parametrize(
    ("text", "dv"),
    [
        ("he never lays a finger on the kids, only me", True),
        ("a mis hijos nunca les hizo nada, solo a mi me pega", True),
        ("ele nunca bateu nas crianças, só em mim", True),
        ("çocuklara hiç dokunmuyor, sadece bana vuruyor", True),
        ("дітей він не чіпає, б'є лише мене", True),
        ("dia tidak pernah memukul anak, hanya saya yang dipukul", True),
        ("hindi niya ginagalaw ang mga bata, ako lang ang sinasaktan", True),
        ("เขาไม่เคยตีลูกเลย ตีแต่ฉัน", True),
        ("គាត់មិនវាយកូនទេ គាត់វាយតែខ្ញុំ", True),
        ("хүүхдүүдэд огт хүрдэггүй, зөвхөн намайг л зоддог", True),
        # "only me" without anyone hit stays ordinary
        ("my kids are at school and it's only me at home, can I work part time?", False),
        ("mis hijos viven en Perú, solo a mi me dieron la visa", False),
        ("çocuklar okulda, sadece ben evdeyim, vergi nasıl ödenir", False),
    ],
)
def test_only_me_not_the_kids_is_violence_at_home_by_a_cue(text, dv):
    assert ("domestic_violence" in TEXTS.cue_hits(text)) is dv


@pytest.mark.parametrize(
    ("text", "situation", "named"),
    [
        ("Perdí mi trabajo la semana pasada", "dismissal", True),
        ("perdi meu emprego ontem", "dismissal", True),
        ("nawalan ako ng trabaho kahapon", "dismissal", True),
        ("कम्पनीले मलाई कामबाट निकाल्यो", "dismissal", True),
        ("sahu le dhamki diyo, rin tirna sakdina", "debt_fraud_consumer", True),
        ("Perdí mi tarjeta de residencia", "dismissal", False),
    ],
)
def test_losing_a_job_and_a_debt_are_named_by_a_cue(text, situation, named):
    assert (situation in TEXTS.cue_hits(text)) is named
