"""The staff console's printed handout: a QR code that opens the visit's conversation in the web chat.

The code is drawn on the server as SVG (``segno``, pure Python; no script, no inline style, so the page's
CSP holds) and points at ``<public url>/?session=<visit id>``: the web chat goes on with that conversation,
in the resident's language, for the resident's place.
"""

from __future__ import annotations

import io
from urllib.parse import quote

import segno
from markupsafe import Markup

__all__ = ["chat_url", "qr_svg"]


def chat_url(base: str, visit_id: str) -> str:
    return f"{base.rstrip('/')}/?session={quote(visit_id, safe='')}"


def qr_svg(url: str, title: str) -> Markup:
    """The QR code of ``url`` as inline SVG markup (scaled by CSS; error correction M survives a crease)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        scale=4,
        border=2,
        xmldecl=False,
        svgns=True,
        nl=False,
        title=title,
        svgclass="qr",
        lineclass="qrline",
    )
    return Markup(out.getvalue().decode("utf-8"))  # segno escapes the title; the rest is numbers
