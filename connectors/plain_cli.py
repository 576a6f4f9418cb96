"""``tsunagu plain``: rewrite text in plain Japanese (やさしい日本語), or check it against the guidelines.

With TEXT it handles that text; without, it reads standard input one line at a time and writes exactly
one output line per input line (empty lines stay empty; progress goes to standard error).
"""

from __future__ import annotations

import argparse
import json
import sys

__all__ = ["add_plain_parser", "cmd_plain"]


def _json(text: str, args) -> dict:
    """What POST /api/plain returns for ``text``."""
    from bot.plain import check, rewrite

    if args.check:
        return {"breaches": [breach.to_json() for breach in check(text)]}
    return rewrite(text, spaces=args.spaces, level=args.level).to_json()


def _plain_text(text: str, args) -> str:
    """The rewrite, or the breaches one per line as ``start-end [rule] excerpt: message`` (``OK`` if none)."""
    from bot.plain import check, rewrite

    if not args.check:
        return rewrite(text, spaces=args.spaces, level=args.level).text
    return "\n".join(f"{b.start}-{b.end} [{b.rule_id}] {b.excerpt}: {b.message}" for b in check(text)) or "OK"


def _batch_line(text: str, args) -> str:
    if args.json:
        if not text.strip():
            return json.dumps({"breaches": []} if args.check else {"source": text, "text": text}, ensure_ascii=False)
        return json.dumps(_json(text, args), ensure_ascii=False)
    if not text.strip():
        return ""
    return _plain_text(text, args).replace("\n", " ")  # one line out per line in


def _batch(args) -> int:
    """One output line per input line; a line that fails is echoed unchanged and reported on stderr."""
    for number, line in enumerate(sys.stdin, 1):
        text = line.rstrip("\r\n")
        try:
            out = _batch_line(text, args)
        except Exception as error:  # keep the line count: one bad line must not shift the rest
            print(f"line {number}: {error}", file=sys.stderr)
            out = text
        print(out)
        if number % 1000 == 0:
            print(f"{number} lines", file=sys.stderr, flush=True)
    sys.stdout.flush()
    return 0


def cmd_plain(args) -> int:
    if args.text is None:
        return _batch(args)
    if not args.text.strip():
        print("error: the text is empty", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(_json(args.text, args), ensure_ascii=False, indent=2))
    else:
        print(_plain_text(args.text, args))
    return 0


def add_plain_parser(commands) -> argparse.ArgumentParser:
    plain = commands.add_parser(
        "plain",
        help="rewrite Japanese in plain Japanese (やさしい日本語), or --check it",
        description="Rewrite TEXT in plain Japanese following the 2020 guidelines. Without TEXT, read one "
        "sentence per line from standard input and write one rewritten line per input line.",
    )
    plain.add_argument("text", nargs="?", help="the text (default: read lines from standard input)")
    plain.add_argument("--json", action="store_true", help="print JSON (the shape of POST /api/plain)")
    plain.add_argument("--check", action="store_true", help="list guideline breaches instead of rewriting")
    plain.add_argument("--spaces", action="store_true", help="put a space between phrases (分かち書き)")
    plain.add_argument(
        "--level",
        choices=("N5", "N4", "N3"),
        default=None,
        help="furigana for a reader learning this JLPT level (default: TSUNAGU_FURIGANA_LEVEL, N5)",
    )
    plain.set_defaults(func=cmd_plain)
    return plain
