"""The action server behind ``tsunagu actions``: rasa-sdk's own webhook app serving Tsunagu's actions.

rasa-sdk's ``run`` starts Sanic worker processes that rebuild the app from a pickle, which would load the
index and the embedding model once more per worker; here the services are built once, before serving, and
the app runs in this process (the actions run the dialogue on worker threads, like the web service).
"""

from __future__ import annotations

from rasa_sdk.endpoint import create_app
from rasa_sdk.executor import ActionExecutor
from sanic import Sanic

from connectors.application import Tsunagu
from connectors.rasa.actions import ALL_ACTIONS

__all__ = ["action_executor", "action_app", "serve_actions", "DEFAULT_PORT"]

DEFAULT_PORT = 5055  # Rasa's default action endpoint: http://localhost:5055/webhook


def action_executor(app: Tsunagu) -> ActionExecutor:
    executor = ActionExecutor()
    for action in ALL_ACTIONS:
        executor.register_action(action(app))
    return executor


def action_app(app: Tsunagu) -> Sanic:
    """The Sanic app with ``POST /webhook``, ``GET /actions`` and ``GET /health``."""
    return create_app(action_executor(app), cors_origins=None)


def serve_actions(tsunagu: Tsunagu, host: str, port: int = DEFAULT_PORT) -> None:
    app = action_app(tsunagu)
    app.config.KEEP_ALIVE_TIMEOUT = 120
    app.run(host=host, port=port, single_process=True, access_log=False, motd=False)
