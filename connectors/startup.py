"""How a serving process starts (issue 16, cold start ≤ 3 s): without the cyclic garbage collector while it
loads, then with what it loaded frozen.

Loading makes some 340,000 lasting objects (the index's chunks and postings, the gazetteer, the texts);
each allocation counts towards the collector's next pass, and its full passes walked all of them again
while nothing could be freed: ~0.35 s of a start. After loading, ``gc.freeze()`` moves them out of the
collector's generations, so a full pass in a later request does not walk them either (it took ~0.2 s).
Start-up leaves a few thousand objects of cyclic garbage, kept (well under a megabyte).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["loading", "served_app"]


@contextmanager
def loading() -> Iterator[None]:
    """Load without the cyclic collector, then freeze what was loaded (for a serving process only: tests
    and one-off commands keep the usual collector)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def served_app():
    """The app of one worker process of ``tsunagu serve --workers N`` (uvicorn's factory), its services loaded."""
    with loading():
        from connectors.app import create_app
        from connectors.services import get_services

        get_services()
        return create_app()
