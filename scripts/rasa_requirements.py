"""Print a wheel's requirements as pip would evaluate them on another Python version.

Rasa Open Source 3.6 declares ``Requires-Python <3.11`` and guards its numpy/scipy/scikit-learn pins with
``python_version < "3.11"`` markers. Installed on 3.11 with ``--ignore-requires-python`` those pins vanish and
pip picks releases that need newer Pythons, so ``scripts/rasa-env.sh`` installs the wheel with ``--no-deps``
and then installs this list: every ``Requires-Dist`` of the wheel whose marker holds for the target
version (3.10 by default), with extras excluded and without the wheels themselves (rasa needs rasa-sdk).

Usage: python scripts/rasa_requirements.py WHEEL [WHEEL...] [--python 3.10]
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

__all__ = ["requirements_for", "main"]


def _distribution(wheel: str) -> str:
    """The canonical project name in a wheel's file name (``rasa_sdk-3.6.2-py3-none-any.whl`` -> rasa-sdk)."""
    return canonicalize_name(Path(wheel).name.split("-")[0])


def _metadata(wheel: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return archive.read(name).decode("utf-8")


def requirements_for(wheel: str, python_version: str) -> list[str]:
    """The wheel's requirements whose markers hold on ``python_version`` (extras left out)."""
    environment = default_environment()
    environment.update(python_version=python_version, python_full_version=f"{python_version}.0", extra="")
    message = Parser().parsestr(_metadata(wheel))
    kept = []
    for line in message.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(environment):  # type: ignore[arg-type]
            requirement.marker = None
            kept.append(str(requirement))
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheels", nargs="+")
    parser.add_argument("--python", default="3.10", help="Python version to evaluate markers for")
    args = parser.parse_args(argv)
    given = {_distribution(wheel) for wheel in args.wheels}  # installed from the wheels, with --no-deps
    seen: dict[str, str] = {}
    for wheel in args.wheels:
        for requirement in requirements_for(wheel, args.python):
            name = canonicalize_name(Requirement(requirement).name)
            if name not in given:
                seen.setdefault(name, requirement)
    sys.stdout.write("".join(f"{r}\n" for r in seen.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
