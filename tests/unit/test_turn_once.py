"""One chat turn compares the message with the index once (issue 16: the safety check and the topic search
each multiplied every index row by the same vector), and a repeated question is answered the same way
without comparing it again."""

from __future__ import annotations

import numpy as np
import pytest


class CountingMatrix(np.ndarray):
    """The index's vectors, counting the products taken with them (each reads every row)."""

    products = 0

    def __matmul__(self, other):
        CountingMatrix.products += 1
        return np.asarray(self) @ other


@pytest.fixture
def counted(fake_services, monkeypatch):
    retriever = fake_services.index.retriever
    monkeypatch.setattr(retriever, "_matrix", np.asarray(retriever._matrix).view(CountingMatrix))
    CountingMatrix.products = 0
    return CountingMatrix


def test_a_question_is_compared_with_the_index_once_per_turn(client, counted):
    response = client.post("/api/chat", json={"session_id": "once-1", "text": "How do I pay the resident tax zqx"})
    assert response.status_code == 200 and response.json()["text"]
    assert counted.products == 1  # was 2: the safety check's product, then the topic search's


def test_the_same_question_in_another_conversation_gets_the_same_reply_without_a_new_product(client, counted):
    text = "Where can I get a health check for my child wqz"
    first = client.post("/api/chat", json={"session_id": "again-1", "text": text})
    products = counted.products
    again = client.post("/api/chat", json={"session_id": "again-2", "text": text})
    assert again.status_code == 200
    assert {**again.json(), "session_id": ""} == {**first.json(), "session_id": ""}
    assert products >= 1 and counted.products == products


def test_the_shared_similarity_row_cannot_be_changed_by_one_of_its_readers(fake_services):
    retriever = fake_services.index.retriever
    scores = retriever.scores(retriever.embed("a question about pensions"))
    assert not scores.flags.writeable
    with pytest.raises(ValueError):
        scores[0] = 1.0
    assert retriever.scores(retriever.embed("a question about pensions")) is scores


def test_a_repeated_message_of_several_questions_is_not_searched_again(client, fake_services, monkeypatch):
    # the bench's repeated question is such a message: its clauses were weighed and its parts searched anew
    # on every turn, ~600 ms where a one-sentence question took 10 ms (issue 16)
    retriever = fake_services.index.retriever
    searched = []
    search = retriever.search
    monkeypatch.setattr(retriever, "search", lambda query, *a, **k: searched.append(query) or search(query, *a, **k))
    text = "How do I renew my visa qzx? Also, where do I pay the resident tax qzx? And when is garbage day qzx?"
    first = client.post("/api/chat", json={"session_id": "parts-1", "text": text})
    assert searched  # the whole message and its parts
    searched.clear()
    again = client.post("/api/chat", json={"session_id": "parts-2", "text": text})
    assert {**again.json(), "session_id": ""} == {**first.json(), "session_id": ""}
    assert searched == []


def test_furigana_of_a_repeated_reply_is_kept_per_reader_level(monkeypatch):
    # a plain-Japanese reply's ruby is read once per text (tokenizing took ~10 ms a turn), but a change of
    # the readers' level still changes it
    from bot.plain.settings import get_plain_settings
    from connectors.ruby import segments

    assert segments("病院") == [["病院", "びょういん"]]
    shown = segments("病院")
    shown[0][1] = None  # a caller's copy: changing it changes nothing kept
    assert segments("病院") == [["病院", "びょういん"]]
    monkeypatch.setenv("TSUNAGU_FURIGANA_LEVEL", "N4")
    get_plain_settings.cache_clear()
    try:
        assert segments("病院") == [["病院", None]]
    finally:
        get_plain_settings.cache_clear()


@pytest.fixture
def embedded(fake_services, monkeypatch):
    """Every call of the query embedder in a turn, with its texts."""
    embedder = fake_services.index.retriever.embedder
    calls: list[list[str]] = []
    embed = embedder.embed_queries
    monkeypatch.setattr(
        embedder, "embed_queries", lambda texts, *a, **k: calls.append(list(texts)) or embed(texts, *a, **k)
    )
    return calls


def test_a_one_sentence_question_is_embedded_as_one_text(client, embedded):
    text = "How do I pay the resident tax qzv"
    assert client.post("/api/chat", json={"session_id": "one-text", "text": text}).status_code == 200
    assert {t for call in embedded for t in call} == {text}


def test_a_message_in_parts_is_embedded_in_one_call(client, embedded):
    # the safety check's clauses, the topic search and the parts' searches: one engine call (issue 16); a
    # part is embedded as the safety check reads its clause, without the question mark
    text = "I live in Osaka. How do I renew my visa? Also, where do I pay resident tax?"
    assert client.post("/api/chat", json={"session_id": "one-call", "text": text}).status_code == 200
    first = embedded[0]
    assert all(set(call) <= set(first) for call in embedded[1:])
    assert "How do I renew my visa" in first and "How do I renew my visa?" not in first
