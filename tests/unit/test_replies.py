"""A reply's optional structured fields: in the JSON only when set, kept when replies are merged."""

from dataclasses import dataclass, replace

import pytest

from bot.replies import OfficeCard, QuickReply, Reply, extension, merge_replies
from bot.speech import Speech


@dataclass(frozen=True)
class ReplyWithOffice(Reply):
    office: OfficeCard | None = extension()


CARD = OfficeCard("tokyo-bureau", "東京出入国在留管理局", "0570-034259", "東京都港区港南5-5-30", "9:00-16:00")


def test_an_unset_structured_field_is_left_out_of_the_json():
    data = ReplyWithOffice("s", Speech("en"), "Hello", quick_replies=(QuickReply("More"),)).to_json()
    assert "office" not in data and data["quick_replies"] == ["More"]
    assert data["quick_reply_payloads"] == [{"label": "More", "payload": "More"}]


def test_a_set_structured_field_is_serialised_and_survives_merging():
    first = ReplyWithOffice("s", Speech("vi"), "Gọi cho văn phòng này.", office=CARD)
    second = replace(first, text="Mang theo thẻ cư trú.", office=None)
    merged = merge_replies([first, second])
    assert merged.to_json()["office"] == {
        "id": "tokyo-bureau",
        "name": "東京出入国在留管理局",
        "phone": "0570-034259",
        "address": "東京都港区港南5-5-30",
        "hours": "9:00-16:00",
        "map_query": "",
        "how": "",
    }
    assert merged.text == "Gọi cho văn phòng này.\n\nMang theo thẻ cư trú."


@pytest.mark.parametrize(
    "phone, phones",
    [
        ("0570-011000", ("0570-011000",)),
        ("0570-064259 / 06-4703-2050 (from IP phones)", ("0570-064259", "06-4703-2050 (from IP phones)")),
        ("0570-011000 (IP phone / from abroad: 03-5363-3013)", ("0570-011000 (IP phone / from abroad: 03-5363-3013)",)),
        (
            "0570-011000（IP電話 / 海外から：03-5363-3013） / 110",
            ("0570-011000（IP電話 / 海外から：03-5363-3013）", "110"),
        ),
        ("", ()),
    ],
)
def test_an_office_cards_phones_split_only_outside_brackets(phone, phones):
    assert OfficeCard("x", "X", phone, "", "").phones == phones


def test_a_line_reached_by_phone_only_has_no_map_to_open(fake_services):
    """The police consultation line's card says "phone consultation" where an address would be: a map link
    would search for those words. A bureau's card searches its street address."""
    from bot.dialogue.office_cards import office_info

    catalogs, offices = fake_services.catalogs, fake_services.offices
    by_phone = offices["police-consultation"]
    bureau = offices.for_prefecture("aichi")
    assert office_info(by_phone, "en", catalogs).to_card().map_query == ""
    assert office_info(by_phone, "en", catalogs).address  # still says how to reach it
    assert office_info(bureau, "en", catalogs).to_card().map_query == bureau.full_address != ""
