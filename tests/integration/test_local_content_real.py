"""Issue 14 item 7 with the real model, as the issue tried it: a city's garbage calendar in Vietnamese, loaded
the way ``tsunagu index --source hamamatsu/`` copies it, answers "khi nào vứt rác cháy được?" first for a
Hamamatsu resident and says whose information it is; residents of other places get the national topic."""

import pytest

from bot.dialogue import IncomingMessage
from bot.replies import merge_replies
from connectors.services import build_services
from tests.conftest import real_settings

pytestmark = pytest.mark.integration

CALENDAR = """# Lịch thu gom rác (tệp thử nghiệm)

## Rác cháy được

Rác cháy được (rác nhà bếp, giấy bẩn) được thu gom vào thứ Hai và thứ Năm. Hãy mang ra điểm thu gom trước 8:00.

## Chai lọ và lon

Chai lọ và lon được thu gom vào thứ Tư của tuần thứ 2 và thứ 4 trong tháng.
"""
QUESTION = "khi nào vứt rác cháy được?"


@pytest.fixture(scope="module")
def dialogue(tmp_path_factory):
    data = tmp_path_factory.mktemp("local-real")
    folder = data / "sources" / "hamamatsu" / "vi"
    folder.mkdir(parents=True)
    (folder / "lich-rac.md").write_text(CALENDAR, encoding="utf-8")
    return build_services(real_settings(data)).dialogue


def ask(dialogue, conversation, lives_in=""):
    if lives_in:
        dialogue.handle(IncomingMessage(conversation, f"Tôi sống ở {lives_in}", lang="vi"))
    return merge_replies(dialogue.handle(IncomingMessage(conversation, QUESTION, lang="vi")))


def test_the_city_calendar_answers_its_residents_first_and_says_whose_it_is(dialogue):
    reply = ask(dialogue, "vi-hamamatsu", "Hamamatsu")
    assert reply.text.startswith("Đây là thông tin riêng của Hamamatsu")
    assert "thứ Hai và thứ Năm" in reply.text
    assert reply.sources[0].id.startswith("src:hamamatsu/vi/")


@pytest.mark.parametrize("conversation, lives_in", [("vi-osaka", "Osaka"), ("vi-unknown", "")])
def test_other_residents_get_the_national_garbage_topic(dialogue, conversation, lives_in):
    reply = ask(dialogue, conversation, lives_in)
    assert [s.id for s in reply.sources][:1] == ["garbage"]
    assert "thứ Hai và thứ Năm" not in reply.text and "Hamamatsu" not in reply.text
