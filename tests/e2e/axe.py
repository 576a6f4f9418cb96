"""axe-core in the browser tests: the library comes from the npm registry (``npm install axe-core@4`` into a
cache folder outside the repository, once — never committed), is evaluated in the page, and reports WCAG
2.x A/AA violations. ``serious_problems(page)`` returns the serious and critical ones as sentences.

The folder is ``$TSUNAGU_AXE_DIR`` or ``~/.cache/tsunagu-axe``; a machine without npm fails the test with
the command to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

__all__ = ["axe_source", "violations", "serious_problems"]

VERSION = "4"
FOLDER = Path(os.environ.get("TSUNAGU_AXE_DIR", Path.home() / ".cache" / "tsunagu-axe"))
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def axe_source() -> str:
    script = FOLDER / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(
                f"axe-core is missing and npm is not installed: apt-get install npm, then "
                f"npm install --prefix {FOLDER} axe-core@{VERSION}"
            )
        FOLDER.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(FOLDER), f"axe-core@{VERSION}"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return script.read_text(encoding="utf-8")


def violations(page) -> list[dict]:
    """axe's violations on the page as it is now (evaluated through the DevTools protocol, so the page's
    Content-Security-Policy, which forbids inline scripts, stays on)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})
        .then(result => result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))""",
        TAGS,
    )


def serious_problems(page) -> list[str]:
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['nodes'])}"
        for v in violations(page)
        if v["impact"] in ("serious", "critical")
    ]
