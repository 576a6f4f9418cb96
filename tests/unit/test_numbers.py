import pytest

from knowledge.numbers import numbers_in, phones_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within 14 days", {"14"}),
        ("14日以内", {"14"}),
        ("weekdays 8:30-17:15", {"8:30", "17:15"}),
        ("平日の午前8時30分から午後5時15分まで", {"8:30", "17:15"}),
        ("9時から17時まで", {"9:00", "17:00"}),
        ("8時間まで", {"8"}),
        ("500,000 yen", {"500000"}),
        ("500.000 ienes", {"500000"}),
        ("50万円", {"500000"}),
        ("48万8000円", {"488000"}),
        ("from 2/16 to 3/15", {"2", "16", "3", "15"}),
        ("2月16日から3月15日まで", {"2", "16", "3", "15"}),
        ("call 0570-013904", {"tel:0570013904"}),
        ("call #7119", {"tel:#7119"}),
        ("30% of the cost", {"30"}),
    ],
)
def test_numbers_are_normalised_across_languages(text, expected):
    assert numbers_in(text) == expected


def test_phone_like_strings_are_found_as_printed():
    assert phones_in("Tel 0570-013904 (03-5796-7112), or #9110; not 2026-11") == [
        "0570-013904",
        "03-5796-7112",
        "#9110",
    ]
