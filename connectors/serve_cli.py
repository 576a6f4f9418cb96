"""``tsunagu serve`` and ``tsunagu actions`` (the Rasa action server), and the services every command builds."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

__all__ = ["add_serve_parsers", "command_services", "progress_bar"]


def progress_bar(quiet: bool):
    def factory(total: int):
        if quiet:
            return None
        from tqdm import tqdm

        bar = tqdm(total=total, unit="passage", desc="Embedding", file=sys.stderr)
        return bar.update

    return factory


def command_services(args, build: bool = True):
    from connectors.services import build_services
    from connectors.settings import get_settings

    return build_services(get_settings(), build=build, progress_factory=progress_bar(getattr(args, "quiet", False)))


def _metrics_folder(data_dir: Path) -> Path:
    """A fresh folder for the workers' metric files (prometheus_client multiprocess mode); must be set
    before prometheus_client is first imported, and emptied so a restart does not add old counts."""
    folder = data_dir / "metrics"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder.resolve())
    return folder


def cmd_serve(args) -> int:
    from connectors.startup import loading

    with loading():
        prepared = _prepare_serving(args)
    if isinstance(prepared, int):
        return prepared
    uvicorn, app, options = prepared
    uvicorn.run(app, **options)
    return 0


def _prepare_serving(args):
    """What ``serve`` runs: uvicorn, the app (or the factory of each worker's) and uvicorn's options; or the
    exit status of a refusal."""
    from connectors.settings import get_settings

    settings = get_settings()
    host, port = args.host or settings.host, args.port or settings.port
    if args.workers < 1:
        print("error: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.workers > 1:
        if settings.sqlalchemy_url.startswith("sqlite"):
            print(
                "error: --workers needs PostgreSQL (set TSUNAGU_DATABASE_URL; see docs/deploy.md). "
                "SQLite serves one process: run without --workers.",
                file=sys.stderr,
            )
            return 2
        _metrics_folder(settings.data_dir)
    import uvicorn

    from connectors.app import create_app

    print(f"Tsunagu: preparing the index in {settings.index_dir} ...", file=sys.stderr)
    services = command_services(args)  # builds the index once, before any worker starts
    print(f"Tsunagu: serving on http://{host}:{port}", file=sys.stderr)
    from connectors.logs import uvicorn_log_config

    # one JSON line per request comes from connectors.metrics; uvicorn's own access lines are off
    log_options = {"log_config": uvicorn_log_config(settings.log_format), "access_log": False}
    options = {"host": host, "port": port, "log_level": "info", **log_options}
    if args.workers > 1:
        # each worker process loads the ready index; conversations live in the shared database
        return uvicorn, "connectors.startup:served_app", {"factory": True, "workers": args.workers, **options}
    return uvicorn, create_app(services), options


def cmd_actions(args) -> int:
    try:
        from connectors.rasa.server import DEFAULT_PORT, serve_actions
    except ImportError as missing:
        print(
            f"error: the Rasa action server needs rasa-sdk ({missing.name} is not installed): "
            "pip install 'tsunagu[actions]'",
            file=sys.stderr,
        )
        return 2
    from connectors.settings import get_settings

    host, port = args.host or get_settings().host, args.port or DEFAULT_PORT
    print("Tsunagu: preparing the index for the Rasa actions ...", file=sys.stderr)
    services = command_services(args)
    print(f"Tsunagu: Rasa action server on http://{host}:{port}/webhook", file=sys.stderr)
    from connectors.application import Tsunagu

    serve_actions(Tsunagu(services), host, port)
    return 0


def add_serve_parsers(commands) -> None:
    serve = commands.add_parser("serve", help="start the web service (builds the index first if needed)")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to bind (default 8000)")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes sharing one PostgreSQL database (each uses ~400 MB); "
        "SQLite, the default store, serves one process",
    )
    serve.add_argument("--quiet", action="store_true", help="no progress bar")
    serve.set_defaults(func=cmd_serve)

    actions = commands.add_parser("actions", help="serve Tsunagu's Rasa custom actions (needs the 'actions' extra)")
    actions.add_argument("--host", help="address to bind (default 127.0.0.1)")
    actions.add_argument("--port", type=int, help="port to bind (default 5055, Rasa's action endpoint)")
    actions.add_argument("--quiet", action="store_true", help="no progress bar")
    actions.set_defaults(func=cmd_actions)
