"""SARI (bench/sari.py) on hand-computed cases, and the plain-Japanese bench's helpers.

Every expected value below was worked out by hand from the definition in Xu et al. 2016 (see the
comments); whitespace tokens keep the arithmetic readable.
"""

from __future__ import annotations

import json

import pytest

from bench.plain_sari import lost_numbers, main, numbers_of
from bench.sari import SariScore, corpus_sari, ngrams, sari, sari_tokens
from bench.shared_data import parse_id_range, read_snow_pairs


@pytest.mark.parametrize(
    ("source", "output", "reference", "expected"),
    [
        # Nothing deleted or added: keep is perfect (100) but delete and add are empty sets → 0.
        ("a b c d", "a b c d", "a b c d", SariScore(100 / 3, 100.0, 0.0, 0.0)),
        # 1-grams: keep {a} F1 1, delete {b} P 1, add {c} F1 1; 2-grams: keep 0, delete {a b} 1, add {a c} 1;
        # 3/4-grams empty → keep 1/4, delete 2/4, add 2/4.
        ("a b", "a c", "a c", SariScore(125 / 3, 25.0, 50.0, 50.0)),
        # Everything deleted though the reference kept it: no good keep, no good deletion.
        ("a b", "", "a b", SariScore(0.0, 0.0, 0.0, 0.0)),
        # Everything deleted and the reference is empty too: deletions right for n = 1, 2 → delete 2/4.
        ("a b", "", "", SariScore(50 / 3, 0.0, 50.0, 0.0)),
        # Counts: 1-gram keep P = (1/1)/2 ('b' kept wrongly), R = 1 → F1 2/3; deleting one of two 'a' when
        # the reference keeps one 'a' is not a good deletion (clipped counts); 2/3-grams: deletions good.
        ("a a b", "a b", "a", SariScore(200 / 9, 50 / 3, 50.0, 0.0)),
        # Output equals the reference (one substitution in four tokens): delete and add are perfect for every n;
        # keep is 1 for 1- and 2-grams but 0 for 3- and 4-grams (none survives in source and reference alike).
        ("x y c d", "x y e d", "x y e d", SariScore(250 / 3, 50.0, 100.0, 100.0)),
    ],
)
def test_sentence_sari_matches_hand_computation(source, output, reference, expected):
    score = sari(source, output, [reference])
    assert score.keep == pytest.approx(expected.keep)
    assert score.delete == pytest.approx(expected.delete)
    assert score.add == pytest.approx(expected.add)
    assert score.sari == pytest.approx(expected.sari)


def test_several_references_pool_counts_and_scale_source_and_output():
    # numref 2: S×2 = {a:2, b:2}, C×2 = {a:2}, R = {a:2, b:1}. 1-grams: keep P 1, R (2/2)/2 → F1 2/3;
    # delete {b:2} of which 1 good → 1/2. 2-grams: keep recall 0 → 0; delete {a b:2}, 1 good → 1/2.
    score = sari_tokens(["a", "b"], ["a"], [["a"], ["a", "b"]])
    assert score.keep == pytest.approx(100 * (2 / 3) / 4)
    assert score.delete == pytest.approx(25.0)
    assert score.add == 0.0
    assert score.sari == pytest.approx((100 * (2 / 3) / 4 + 25.0) / 3)


def test_the_reference_rewrite_beats_the_identity_and_a_wrong_word():
    source, reference = "彼 は 書類 を 提出 し た", "彼 は 書類 を 出し た"
    identity = sari(source, source, [reference]).sari
    good = sari(source, reference, [reference]).sari
    wrong = sari(source, "彼 は 書類 を 捨て た", [reference]).sari
    assert good == pytest.approx(100.0)
    assert good > wrong and good > identity


def test_the_tokenizer_is_injected():
    by_char = sari("ab", "ac", ["ac"], tokenize=list)
    assert by_char.sari == pytest.approx(125 / 3)
    # one whitespace token each: only 1-grams, a good deletion and a good addition → (0 + 25 + 25) / 3
    assert sari("ab", "ac", ["ac"]).sari == pytest.approx(50 / 3)


def test_ngrams_count_repeats():
    assert ngrams(["a", "a", "b"], 2) == {("a", "a"): 1, ("a", "b"): 1}
    assert ngrams(["a"], 2) == {}


def test_corpus_sari_is_the_mean_of_sentence_scores():
    scores = [SariScore(30.0, 60.0, 30.0, 0.0), SariScore(60.0, 90.0, 45.0, 45.0)]
    assert corpus_sari(scores) == SariScore(45.0, 75.0, 37.5, 22.5)
    assert corpus_sari([]).sari == 0.0


def test_sari_needs_a_reference():
    with pytest.raises(ValueError):
        sari_tokens(["a"], ["a"], [])


@pytest.mark.parametrize(
    ("source", "output", "lost"),
    [
        ("14日以内に届け出ます。", "14日までに出します。", 0),
        ("14日以内に届け出ます。", "すぐに出します。", 1),
        ("１４日以内", "14日まで", 0),  # full-width digits count as the same number
        ("3か月", "13か月", 1),  # a number inside a longer one is not kept
        ("1,000円", "1000円", 0),
    ],
)
def test_numbers_lost(source, output, lost):
    assert lost_numbers([source], [output]) == lost


def test_numbers_of_reads_decimals_and_groups():
    assert numbers_of("0570-013904、3.5%") == {"0570", "013904", "3.5"}


def test_snow_reader_filters_ids_and_limits(tmp_path):
    path = tmp_path / "dev.tsv"
    rows = ["id\toriginal\tsimplified\toriginal_en"] + [f"{i}\t原文{i}。\t簡単{i}。\ten {i}" for i in range(1, 6)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert [p.id for p in read_snow_pairs(path, parse_id_range("2-4"))] == [2, 3, 4]
    assert [p.simplified for p in read_snow_pairs(path, limit=2)] == ["簡単1。", "簡単2。"]
    assert parse_id_range("7") == (7, 7)
    assert parse_id_range(None) is None


def _dev_file(tmp_path):
    path = tmp_path / "dev.tsv"
    path.write_text(
        "id\toriginal\tsimplified\toriginal_en\n"
        "1\t私は書類を提出した。\t私は書類を出した。\tI submitted it.\n"
        "2\t誰が一番に着くか分かりません。\t誰が一番に着くか分かりません。\tWho knows.\n"
        "3\t14日以内に提出する。\t14日以内に出す。\tWithin 14 days.\n",
        encoding="utf-8",
    )
    return path


def test_without_a_rewriter_the_bench_prints_the_identity_baseline(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("bench.plain_sari.load_rewriter", lambda: None)
    assert main(["--dev", str(_dev_file(tmp_path)), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["pairs"] == 3 and result["rewriter"] is None
    assert result["identity"]["delete"] == 0.0 and result["identity"]["add"] == 0.0
    assert 0 < result["identity"]["sari"] < 100 / 3
    assert result["numbers_lost"] == {"reference": 0}


def test_the_bench_scores_a_rewriter_against_the_identity(tmp_path, capsys, monkeypatch):
    # A stand-in rewriter that makes the references' edit and drops "14": the gain is positive and the
    # lost number is counted, in the dev sentences and in the guidebook passage.
    fake = lambda text: text.replace("提出した", "出した").replace("提出する", "出す").replace("14", "")  # noqa: E731
    monkeypatch.setattr("bench.plain_sari.load_rewriter", lambda: fake)
    assert main(["--dev", str(_dev_file(tmp_path)), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["gain"] > 0 and result["rewriter"]["sari"] > result["identity"]["sari"]
    assert result["numbers_lost"] == {"reference": 0, "rewriter": 1}
    assert result["speed"]["sentences_per_s"] > 0
    assert result["passage"]["numbers_lost"] > 0 and result["passage"]["readability_before"] > 0


def test_bench_fails_cleanly_without_the_data(tmp_path, capsys):
    assert main(["--dev", str(tmp_path / "missing.tsv")]) == 2
    assert "no SNOW T15 file" in capsys.readouterr().err
