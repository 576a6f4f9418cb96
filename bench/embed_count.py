"""How many texts the embedding engine reads per message (issue 16): the figure that sets a turn's CPU.

    .venv/bin/python bench/embed_count.py [--data var/bench] [--set mix|routing_dev] [--limit N] [--show N]

Runs the real dialogue turn in this process with the bundled model over the latency bench's message mix
(``bench/serve_latency.py``: test questions, long multi-part messages, example questions) or the routing dev
set (``bench/data/routing_dev.yaml``: places and multi-part messages written apart from the held-out set),
each message in a new conversation with the caches emptied, and counts what reaches the engine: texts,
engine calls (a lane's batch), the message's sequential embedding rounds (calls of ``embed_queries``
that had to wait for the engine) and the engine's tokens. ``--show N`` prints the N messages that embed the
most texts, with the texts. Never reads the held-out sets.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bot.dialogue import IncomingMessage  # noqa: E402
from connectors.services import build_services  # noqa: E402
from connectors.settings import Settings  # noqa: E402
from knowledge.yamlfile import load_yaml  # noqa: E402


class Counter:
    """Wraps the query batcher's engine call: every text the engine reads, per message."""

    def __init__(self, embedder) -> None:
        self.embedder = embedder
        self.batcher = embedder._live
        self.model = embedder._model
        self.lock = threading.Lock()
        self.texts: list[str] = []
        self.calls = 0
        self.rounds = 0
        encode, embed = self.batcher._encode, embedder.embed_queries

        def counted(texts):
            with self.lock:
                self.texts += list(texts)
                self.calls += 1
            return encode(texts)

        def rounds(texts, progress=None):
            before = len(self.texts)
            out = embed(texts, progress)
            if len(self.texts) > before:
                self.rounds += 1
            return out

        self.batcher._encode = counted
        embedder.embed_queries = rounds

    def start(self) -> None:
        self.texts, self.calls, self.rounds = [], 0, 0
        self.batcher._recent = type(self.batcher._recent)(self.batcher._recent.size)

    def tokens(self) -> int:
        return sum(self.model.token_count(t, True) for t in self.texts)


def messages(which: str) -> list[tuple[str, str | None]]:
    if which == "mix":
        from serve_latency import questions

        return [(q, None) for q in questions(300)]
    data = load_yaml(ROOT / "bench" / "data" / "routing_dev.yaml")
    out = []
    for group in ("places", "multipart", "place_in_passing", "place_and_register"):
        for item in data.get(group) or []:
            if isinstance(item, dict) and item.get("text"):
                out.append((item["text"], item.get("lang")))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--set", choices=("mix", "routing_dev"), default="mix")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--dump", type=Path, help="write each message and the texts it embedded (JSON lines)")
    args = parser.parse_args()
    services = build_services(Settings(data_dir=args.data, cache_size=0, _env_file=None))
    services.dialogue.prepare()
    counter = Counter(services.dialogue.assistant.retriever().embedder)
    items = messages(args.set)[: args.limit or None]
    run = uuid.uuid4().hex[:8]
    texts, calls, rounds, tokens, cpu, seen = [], [], [], [], [], []
    for number, (text, lang) in enumerate(items):
        counter.start()
        started = time.process_time()
        services.dialogue.handle(IncomingMessage(f"embed-count-{run}-{number}", text, lang=lang))
        cpu.append(time.process_time() - started)
        texts.append(len(counter.texts))
        calls.append(counter.calls)
        rounds.append(counter.rounds)
        tokens.append(counter.tokens())
        seen.append((len(counter.texts), text, list(counter.texts)))
    n = len(items)
    p95 = sorted(texts)[int(0.95 * (n - 1))]
    print(f"{args.set}: {n} messages")
    print(
        f"texts embedded per message: mean {statistics.mean(texts):.2f}, median {statistics.median(texts):g}, "
        f"p95 {p95}, max {max(texts)}; messages embedding one text: {sum(t == 1 for t in texts)}"
    )
    print(
        f"engine calls per message: mean {statistics.mean(calls):.2f}; sequential embedding rounds: mean "
        f"{statistics.mean(rounds):.2f}, max {max(rounds)}; engine tokens per message: mean "
        f"{statistics.mean(tokens):.1f}"
    )
    print(f"process CPU per message (this process, both lanes): mean {statistics.mean(cpu) * 1000:.1f} ms")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for _count, text, embedded in seen:
                out.write(json.dumps({"text": text, "embedded": embedded}, ensure_ascii=False) + "\n")
    for count, text, embedded in sorted(seen, key=lambda s: -s[0])[: args.show]:
        print(f"\n{count} texts for {text!r}:")
        for item in embedded:
            print(f"    {item!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
