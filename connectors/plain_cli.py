"""``tsunagu plain``: rewrite text in plain Japanese (やさしい日本語), or check it against the guidelines.

With TEXT it handles that text; without, it reads standard input one line at a time and writes exactly
one output line per input line (empty lines stay empty; progress goes to standard error).
"""
from __future__ import annotations

import argparse
import json
import sys

__all__ = ["add_plain_parser", "cmd_plain"]


def _one(text: str, args) -> str:
    from bot.plain import check, rewrite

    if args.check:
        breaches = check(text)
        if args.json:
            return json.dumps({"breaches": [b.to_json() for b in breaches]}, ensure_ascii=False)
        return "\n".join(f"{b.start}-{b.end} [{b.rule_id}] {b.excerpt}: {b.message}" for b in breaches) or "OK"
    result = rewrite(text, spaces=args.spaces)
    if args.json:
        return json.dumps(result.to_json(), ensure_ascii=False)
    return result.text


def _batch(args) -> int:
    """One output line per input line; a line that fails is echoed unchanged and reported on stderr."""
    count = 0
    for number, line in enumerate(sys.stdin, 1):
        text = line.rstrip("\r\n")
        if not text.strip():
            out = json.dumps({"breaches": []} if args.check else {"source": text, "text": text},
                             ensure_ascii=False) if args.json else ""
        else:
            try:
                out = _one(text, args)
            except Exception as error:  # keep the line count: one bad line must not shift the rest
                print(f"line {number}: {error}", file=sys.stderr)
                out = text
        print(out.replace("\n", " ") if not args.json and args.check else out, flush=False)
        count += 1
        if count % 1000 == 0:
            print(f"{count} lines", file=sys.stderr, flush=True)
    sys.stdout.flush()
    return 0


def cmd_plain(args) -> int:
    if args.text is None:
        return _batch(args)
    if not args.text.strip():
        print("error: the text is empty", file=sys.stderr)
        return 2
    print(_one(args.text, args) if not args.json else json.dumps(
        json.loads(_one(args.text, args)), ensure_ascii=False, indent=2))
    return 0


def add_plain_parser(commands) -> argparse.ArgumentParser:
    plain = commands.add_parser(
        "plain", help="rewrite Japanese in plain Japanese (やさしい日本語), or --check it",
        description="Rewrite TEXT in plain Japanese following the 2020 guidelines. Without TEXT, read one "
        "sentence per line from standard input and write one rewritten line per input line.")
    plain.add_argument("text", nargs="?", help="the text (default: read lines from standard input)")
    plain.add_argument("--json", action="store_true", help="print JSON (the shape of POST /api/plain)")
    plain.add_argument("--check", action="store_true", help="list guideline breaches instead of rewriting")
    plain.add_argument("--spaces", action="store_true", help="put a space between phrases (分かち書き)")
    plain.set_defaults(func=cmd_plain)
    return plain
