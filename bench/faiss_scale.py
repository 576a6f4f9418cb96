"""Retrieval at scale: FAISS exact (flat) search against HNSW and IVF on synthetic indexes.

    .venv/bin/python bench/faiss_scale.py [--sizes 100000 1000000] [--queries 200] [--skip-hnsw-above N]

The vectors are synthetic: unit vectors of the service's dimension (384, multilingual-e5-small) drawn
around random topic centres, as real passages cluster by topic; each query is a stored vector with noise,
so the true neighbours are known from the flat index. For each size it prints, on one thread (as the
service searches), the median and p95 CPU time of one query, recall@10 against exact search, build time and
memory; then the size above which exact search costs more than ``--budget-ms`` per query — the switch
point to an approximate index (docs/deploy.md).
"""

from __future__ import annotations

import argparse
import statistics
import time

import faiss
import numpy as np

DIM = 384


def synthetic(n: int, rng: np.random.Generator, centres: int = 2000) -> np.ndarray:
    centre = rng.standard_normal((centres, DIM), dtype=np.float32)
    vectors = np.empty((n, DIM), dtype=np.float32)
    for start in range(0, n, 100_000):  # in slices: 1M x 384 floats is 1.5 GB already
        stop = min(n, start + 100_000)
        vectors[start:stop] = centre[rng.integers(0, centres, stop - start)]
        vectors[start:stop] += 0.6 * rng.standard_normal((stop - start, DIM), dtype=np.float32)
    faiss.normalize_L2(vectors)
    return vectors


def queries_of(vectors: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    picked = vectors[rng.choice(len(vectors), count, replace=False)].copy()
    picked += 0.05 * rng.standard_normal(picked.shape, dtype=np.float32)
    faiss.normalize_L2(picked)
    return picked


def timed_search(index: faiss.Index, queries: np.ndarray, k: int = 10) -> tuple[list[float], np.ndarray]:
    """CPU time of this thread per query (one OpenMP thread, so that is the search's whole cost): on a
    shared machine wall time also counts the waits for a core, which are not the index's doing."""
    times, found = [], []
    for q in queries:  # one question at a time, as a request does
        started = time.thread_time()
        _, ids = index.search(q[None, :], k)
        times.append(time.thread_time() - started)
        found.append(ids[0])
    return times, np.array(found)


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found, truth)]))


def report(
    name: str, n: int, build: float, times: list[float], found: np.ndarray, truth: np.ndarray, size_mb: float
) -> float:
    median = statistics.median(times) * 1000
    p95 = sorted(times)[int(0.95 * (len(times) - 1))] * 1000
    print(
        f"{n:>9,} {name:<22} build (wall) {build:7.1f} s  search CPU median {median:7.2f} ms  p95 {p95:7.2f} ms  "
        f"recall@10 {recall(found, truth):.3f}  index {size_mb:6.0f} MB",
        flush=True,
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--budget-ms",
        type=float,
        default=5.0,
        help="exact search may cost this much per query before an approximate index pays",
    )
    parser.add_argument(
        "--skip-hnsw-above", type=int, default=2_000_000, help="HNSW build is slow on 1 core; skip it above this size"
    )
    args = parser.parse_args()
    faiss.omp_set_num_threads(1)
    rng = np.random.default_rng(7)
    flat_ms: dict[int, float] = {}
    print(f"dimension {DIM}, {args.queries} queries, one thread, k=10")
    for n in args.sizes:
        vectors = synthetic(n, rng)
        queries = queries_of(vectors, args.queries, rng)

        started = time.perf_counter()
        flat = faiss.IndexFlatIP(DIM)
        flat.add(vectors)
        build = time.perf_counter() - started
        times, truth = timed_search(flat, queries)
        flat_ms[n] = report("flat (exact)", n, build, times, truth, truth, vectors.nbytes / 2**20)
        del flat

        if n <= args.skip_hnsw_above:
            started = time.perf_counter()
            hnsw = faiss.IndexHNSWFlat(DIM, 32, faiss.METRIC_INNER_PRODUCT)
            hnsw.hnsw.efConstruction = 40
            hnsw.add(vectors)
            build = time.perf_counter() - started
            for ef in (32, 64, 128):
                hnsw.hnsw.efSearch = ef
                times, found = timed_search(hnsw, queries)
                report(
                    f"HNSW32 efSearch={ef}", n, build, times, found, truth, (vectors.nbytes + n * 32 * 2 * 4) / 2**20
                )
            del hnsw

        lists = int(np.sqrt(n))  # the low end of the usual 1–16 × sqrt(n): k-means on one core stays in minutes
        started = time.perf_counter()
        quantizer = faiss.IndexFlatIP(DIM)
        ivf = faiss.IndexIVFFlat(quantizer, DIM, lists, faiss.METRIC_INNER_PRODUCT)
        ivf.train(vectors[rng.choice(n, min(n, 40 * lists), replace=False)])
        ivf.add(vectors)
        build = time.perf_counter() - started
        for probes in (8, 32, 64):
            ivf.nprobe = probes
            times, found = timed_search(ivf, queries)
            report(f"IVF{lists} nprobe={probes}", n, build, times, found, truth, vectors.nbytes / 2**20)
        del ivf, quantizer, vectors

    # exact search time grows linearly with the index: find where it crosses the budget
    sizes = sorted(flat_ms)
    per_vector = statistics.median(flat_ms[n] / n for n in sizes)
    switch = args.budget_ms / per_vector
    print(
        f"exact search costs {per_vector * 1e6:.2f} ms per million vectors per query; it passes the "
        f"{args.budget_ms:.1f} ms budget at about {switch:,.0f} vectors (switch point)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
