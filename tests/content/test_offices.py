"""Office data: jurisdiction for all 47 prefectures, and phones/addresses exactly as the seed prints them."""

from __future__ import annotations

import pytest

from knowledge.offices import load_offices

PREFECTURES = (
    "hokkaido aomori iwate miyagi akita yamagata fukushima ibaraki tochigi gunma saitama chiba tokyo kanagawa "
    "niigata toyama ishikawa fukui yamanashi nagano gifu shizuoka aichi mie shiga kyoto osaka hyogo nara wakayama "
    "tottori shimane okayama hiroshima yamaguchi tokushima kagawa ehime kochi fukuoka saga nagasaki kumamoto oita "
    "miyazaki kagoshima okinawa"
).split()


@pytest.fixture(scope="module")
def offices():
    return load_offices()


def test_all_47_prefectures_map_to_an_office_that_takes_applications(offices):
    assert len(PREFECTURES) == 47
    for prefecture in PREFECTURES:
        office = offices.for_prefecture(prefecture)
        assert office is not None, prefecture
        assert office.accepts_applications and office.phones, prefecture


@pytest.mark.parametrize(
    ("prefecture", "office_en"),
    [
        ("kanagawa", "Yokohama District Immigration Services Office"),
        ("hyogo", "Kobe District Immigration Services Office"),
        ("okinawa", "Naha District Immigration Services Office"),
        ("kagawa", "Takamatsu"),
        ("tokushima", "Takamatsu"),
        ("ehime", "Takamatsu"),
        ("kochi", "Takamatsu"),
        ("hokkaido", "Sapporo Regional Immigration Services Bureau"),
        ("tokyo", "Tokyo Regional Immigration Services Bureau"),
        ("aichi", "Nagoya Regional Immigration Services Bureau"),
        ("kyoto", "Osaka Regional Immigration Services Bureau"),
        ("fukuoka", "Fukuoka Regional Immigration Services Bureau"),
    ],
)
def test_jurisdiction_examples(offices, prefecture, office_en):
    assert offices.for_prefecture(prefecture).name_en.startswith(office_en)


def test_consultation_services_are_present(offices):
    assert offices.of_kind("fresc")[0].main_phone == "0570-011000"
    assert offices.of_kind("information-center")[0].main_phone == "0570-013904"


def test_phones_and_addresses_are_verbatim_in_the_seed(offices, shared_dir):
    seed = (shared_dir / "seed" / "000_2a264c40c201416a.txt").read_text(encoding="utf-8")
    for office in offices.offices.values():
        if office.source != "seed":
            continue
        for part in office.name_en.split(", "):  # "Bureau, Branch" names join two printed names
            assert part in seed, office.id
        if office.address:
            assert office.address in seed, office.id
        for phone in office.phones:
            assert phone.number in seed, (office.id, phone.number)


# --- contact points beyond immigration (knowledge/data/contact_points.yaml) ---------------------------------


@pytest.mark.parametrize(
    ("office_id", "number"),
    [
        ("police-emergency", "110"),
        ("fire-ambulance", "119"),
        ("coast-guard", "118"),
        ("police-consultation", "#9110"),
        ("consumer-hotline", "188"),
        ("child-abuse-line", "189"),
        ("dv-navi", "#8008"),
        ("dv-soudan-plus", "0120-279-889"),
        ("sexual-violence-onestop", "#8891"),
        ("human-rights-foreign", "0570-090911"),
        ("houterasu", "0570-078377"),
        ("houterasu-support-dial", "0570-078374"),
        ("pension-dial", "0570-05-1165"),
        ("fresc", "0570-011000"),
        ("immigration-information-center", "0570-013904"),
        ("labour-conditions-hotline", "0120-811-610"),
        ("labour-bureau-aichi", "052-972-0253"),
    ],
)
def test_national_lines_have_the_number_read_on_their_official_page(offices, office_id, number):
    assert offices[office_id].main_phone == number


def test_every_entry_not_from_the_seed_cites_a_specific_page_and_the_date_read(offices):
    for office in offices.offices.values():
        if office.source in ("seed", "facts"):
            continue
        path = office.url.split("://", 1)[1].split("/", 1)[1] if "://" in office.url else ""
        assert office.url.startswith("http") and path.strip("/"), office.id  # not a site root
        assert office.checked is not None, office.id
        if office.hours_url:  # hours read on another page than the number: a specific page too
            assert office.hours_url.split("://", 1)[1].split("/", 1)[1].strip("/"), office.id


def test_every_prefecture_has_its_labour_bureau(offices):
    for prefecture in PREFECTURES:
        bureau = offices.labour_bureau(prefecture)
        assert bureau is not None and bureau.name_ja.endswith("労働局"), prefecture


def test_a_bureau_with_a_phone_cites_the_page_the_phone_was_read_on_not_the_general_one(offices):
    general = offices.labour_bureau("hokkaido").url
    for prefecture in PREFECTURES:
        bureau = offices.labour_bureau(prefecture)
        assert (bureau.url != general) == bool(bureau.phones), prefecture


def test_the_labour_hotline_is_free_and_open_when_the_offices_are_closed(offices):
    hotline = offices["labour-conditions-hotline"]
    assert hotline.phones[0].note == "free" and hotline.office_kind == "labour-standards"
    assert {rule.days for rule in hotline.hours.rules} == {"weekdays", "weekends-holidays"}
    assert "check-roudou.mhlw.go.jp" in hotline.hours_url and "mhlw.go.jp" in hotline.url


def test_a_phone_without_a_confirmed_number_is_not_invented(offices):
    # labour offices and the municipal office are places to go, not lines: no number unless read on a page
    for office_id in ("labour-standards-office", "municipal-office", "tax-consultation", "labour-bureau-hokkaido"):
        assert offices[office_id].phones == ()


@pytest.mark.parametrize(
    ("alias", "office_id"),
    [("police-110", "police-emergency"), ("dv-plus", "dv-soudan-plus"), ("houterasu-multilingual", "houterasu")],
)
def test_the_safety_catalogues_ids_reach_the_same_entries(offices, alias, office_id):
    assert offices[alias].id == office_id
