"""Honest provenance and current law (issue 14): cited pages, date-bound notes, the stale report, key facts."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge import content_checks as checks
from knowledge.content import Section, languages_in, load_guidebook
from knowledge.dated import change_dates, current_text
from knowledge.numbers import numbers_in
from knowledge.paths import GUIDEBOOK_DIR
from knowledge.statuses import load_statuses
from knowledge.topics import TopicInfo, load_topics

NOTE = "Now X.\n\n- a\n- {until 2027-04-01} Until 31 March 2027, 3 years count. From 1 April 2027, 5 years.\n- b"


@pytest.mark.parametrize(
    "today, shown",
    [
        (dt.date(2026, 12, 6), True),  # ahead: the note is shown, without its marker
        (dt.date(2027, 3, 31), True),
        (dt.date(2027, 4, 1), False),  # the day the change takes effect: the note is gone
        (dt.date(2028, 1, 1), False),
    ],
)
def test_a_date_bound_note_is_shown_only_while_its_date_is_ahead(today, shown):
    text = current_text(NOTE, today)
    assert ("Until 31 March 2027" in text) is shown
    assert "{until" not in text and "- a\n" in text and text.endswith("- b")


def test_the_stale_report_lists_unchecked_old_and_date_bound_topics():
    topics = {
        "fresh": TopicInfo("fresh", "01-x", "t", "https://example.go.jp/a.html", dt.date(2026, 12, 1), "none", "none"),
        "old": TopicInfo("old", "01-x", "t", "https://example.go.jp/b.html", dt.date(2025, 1, 1), "none", "none"),
        "never": TopicInfo("never", "01-x", "t", "https://example.go.jp/c.html", None, "none", "none"),
    }
    sections = [Section("fresh", "en", "01-x", "X", "Fresh", NOTE)]
    lines = checks.stale_report(sections, topics, 90, today=dt.date(2026, 12, 6))
    assert [line.split()[0] for line in lines] == ["unchecked", "stale", "changes"]
    assert "2027-04-01 (116 days ahead)" in lines[-1]
    overdue = checks.stale_report(sections, topics, 90, today=dt.date(2027, 5, 1))
    assert overdue[-1].startswith("overdue    fresh")


@pytest.mark.parametrize(
    "url, root",
    [
        ("https://www.mhlw.go.jp/", True),
        ("https://www.mhlw.go.jp", True),
        ("https://www.moj.go.jp/isa/", True),
        ("https://www.moj.go.jp/isa/tokutei.html", False),
        ("https://www.houterasu.or.jp/multilingual/index.html", False),
    ],
)
def test_a_site_root_is_not_a_citation(url, root):
    assert checks.is_site_root(url) is root


def test_every_topic_cites_a_page_and_dates_only_real_comparisons():
    topics = load_topics()
    assert not [t for t, info in topics.items() if checks.is_site_root(info.source_url)]
    checked = {t for t, info in topics.items() if info.checked is not None}
    # dates are only set where the text was compared with the cited page (2026-12-06 review)
    assert {"residence-card", "permanent-residence", "legal-consultation", "calling-ambulance"} <= checked
    assert all(topics[t].checked <= dt.date.today() for t in checked)


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "from 14 June 2026"),
        ("es", "desde el 14 de junio de 2026"),
        ("uk", "з 14 червня 2026 року"),
        ("th", "ตั้งแต่วันที่ 14 มิถุนายน 2026"),
        ("km", "ចាប់ពីថ្ងៃទី 14 ខែមិថុនា ឆ្នាំ 2026"),
        ("fil", "mula Hunyo 14, 2026"),
        ("ja", "2026年6月14日から"),
        ("mn", "2026 оны 6-р сарын 14-өөс"),
    ],
)
def test_dates_written_the_languages_way_carry_the_same_numbers(lang, text):
    assert numbers_in(text, lang) == {"14", "6", "2026"}


def test_may_the_verb_is_not_a_month():
    assert numbers_in("You may ask 3 times.", "en") == {"3"}


@pytest.fixture(scope="module")
def statuses():
    return {s.id: s for s in load_statuses()[0]}


@pytest.mark.parametrize(
    "status_id, periods",
    [
        ("entertainer", ["3 years", "1 year", "6 months", "3 months", "30 days"]),  # since 2023-08-01
        ("trainee", ["1 year", "6 months", "3 months"]),  # no "2 years"
        ("specified-skilled-worker-ii", ["3 years", "2 years", "1 year", "6 months"]),  # since 2025-09-30
    ],
)
def test_periods_of_stay_follow_the_current_regulations(statuses, status_id, periods):
    assert statuses[status_id].periods["en"] == periods


def test_specified_skilled_worker_i_is_granted_up_to_3_years(statuses):
    assert "3 years or less" in statuses["specified-skilled-worker-i"].periods["en"][0]


def test_technical_intern_training_announces_its_replacement_in_every_language(statuses):
    for grade in ("i", "ii", "iii"):
        note = statuses[f"technical-intern-training-{grade}"].note
        assert len(note) == 17 and all(change_dates(text) == [dt.date(2027, 4, 1)] for text in note.values())


@pytest.fixture(scope="module")
def english():
    return {s.topic_id: s for s in load_guidebook(GUIDEBOOK_DIR, ["en"])}


def test_the_ambulance_topic_no_longer_names_the_paper_insurance_card(english):
    body = english["calling-ambulance"].body
    assert "health insurance card or My Number card" not in body and "shikaku kakunin-sho" in body


def test_shikaku_kakunin_sho_is_not_called_a_certificate_of_eligibility():
    """The name belongs to the immigration document (zairyu shikaku nintei shomeisho) only."""
    for lang in ("en", "es", "pt", "fil"):
        for s in load_guidebook(GUIDEBOOK_DIR, [lang]):
            if "certificate of eligibility" in s.body.lower() or "elegibilidade" in s.body or "elegibilidad" in s.body:
                assert "nintei" in s.body, (lang, s.topic_id)


def test_houterasu_gives_its_number_for_ip_phones_and_its_hours(english):
    body = english["legal-consultation"].body
    assert "050-3754-5430" in body and "9:00-17:00" in body


@pytest.mark.parametrize(
    "lang, text, bad",
    [
        ("es", "del 1 de abril (4/1) al 31 de marzo", True),
        ("id", "dari 1/1 sampai 31/12", True),
        ("uk", "з 1 квітня до 31 березня", False),
        ("en", "from 4/1 to 3/31", False),  # English keeps its own usage
        ("es", "Teléfono: 0570-011000, 1-6-1 Yotsuya", False),
        ("fil", "Yotsuya Tower 13F, 24/7", False),
    ],
)
def test_slash_dates_are_refused_outside_english(lang, text, bad):
    assert bool(checks.slash_date_problems([(lang, "t", text)])) is bad


def test_no_edition_or_catalog_writes_a_slash_date():
    from knowledge.catalog_texts import catalog_texts

    sections = load_guidebook(GUIDEBOOK_DIR)
    assert checks.slash_date_problems((s.lang, s.topic_id, s.text) for s in sections) == []
    texts = catalog_texts()
    assert texts and checks.slash_date_problems((c.lang, c.msgid, c.text) for c in texts) == []


def test_the_glossary_has_every_language_for_every_term():
    from knowledge.glossary import load_glossary

    langs = set(languages_in(GUIDEBOOK_DIR))
    for term in load_glossary():
        assert set(term.names) == langs, term.id


@pytest.mark.parametrize(
    "lang, text, flagged",
    [
        ("tr", "Lütfen oturum kartınızı getirin", True),  # a second name for the residence card
        ("tr", "ikamet kartınızı yanınızda götürün", False),
        ("ne", "निवास कार्ड (जाइर्यु कार्ड) हराएमा", False),  # a bracketed gloss is fine
        ("uk", "сплатіть податок на проживання", True),  # reads as a lodging tax
        ("my", "ခရိုင် လူဝင်မှုကြီးကြပ်ရေးရုံး", False),  # a district immigration office is a district
        ("my", "သင့်ခရိုင်ကို ရေးပေးပါ", True),  # but a prefecture is not
    ],
)
def test_the_glossary_check_reports_a_term_named_another_way(lang, text, flagged):
    from knowledge.glossary import glossary_problems, load_glossary

    assert bool(glossary_problems([(lang, "t", text)], load_glossary())) is flagged


def test_every_edition_and_catalog_uses_the_glossary_names():
    from knowledge.catalog_texts import catalog_texts
    from knowledge.glossary import glossary_problems, load_glossary

    texts = [(s.lang, s.topic_id, s.text) for s in load_guidebook(GUIDEBOOK_DIR)]
    texts += [(c.lang, c.msgid, c.text) for c in catalog_texts()]
    assert glossary_problems(texts, load_glossary()) == []


@pytest.fixture(scope="module")
def japanese():
    return {s.topic_id: s for s in load_guidebook(GUIDEBOOK_DIR, ["ja"])}


def test_the_mobile_phone_topic_states_the_law_as_the_police_page_does(english, japanese):
    """Kyoto Prefectural Police: consent needed except for relatives or household; the penalty is for doing it as a business."""
    en, ja = english["mobile-phone"].body, japanese["mobile-phone"].body
    assert "without the phone company's consent is a crime" not in en  # the old overstatement
    assert "consent" in en and "relative" in en and "for money as a business" in en
    assert "承諾なく他人に渡すことは犯罪" not in ja
    assert "承諾" in ja and "親族" in ja and "業として有償で" in ja
    assert load_topics()["mobile-phone"].checked is not None


def test_child_allowance_after_a_move_counts_from_the_planned_moving_out_date(english, japanese):
    """Municipal pages: after a move between municipalities, the 15 days start the day after the planned moving-out date."""
    assert "day after the planned moving-out date" in english["child-allowance"].body
    assert "転出予定日" in japanese["child-allowance"].body and "翌日から数えます" in japanese["child-allowance"].body


# the topics added for issue 14 (2026-12-06); the original 64 have 5 or more
ISSUE_14_TOPICS = """certificates changes-2027 changing-jobs child-abuse child-nationality consumer-trouble crime-victims
death-in-family disaster-message-dial dog-registration employee-insurance family-invite family-visit health-checkups
heatstroke hospital-in-your-language lost-and-found lost-passport marriage-divorce maternity-childcare-leave
minimum-wage naturalisation paid-leave pharmacy-medicine phone-scams sending-money-abroad""".split()


@pytest.mark.parametrize("lang", languages_in(GUIDEBOOK_DIR))
def test_the_new_topics_have_6_example_questions_in_every_language(lang):
    from knowledge.paths import QUESTIONS_DIR
    from knowledge.questions import load_questions

    counts: dict[str, int] = {}
    for q in load_questions(QUESTIONS_DIR, [lang]):
        counts[q.topic_id] = counts.get(q.topic_id, 0) + 1
    assert {t: counts.get(t, 0) for t in ISSUE_14_TOPICS if counts.get(t, 0) < 6} == {}
