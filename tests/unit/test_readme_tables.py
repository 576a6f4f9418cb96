"""The README's settings and command tables are checked against the code: every setting of
``connectors.settings.Settings`` has a row with its default, every ``tsunagu`` command has exactly one row."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connectors.cli import build_parser
from connectors.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def section_rows(heading: str) -> list[list[str]]:
    """The table rows (cells, without the header and rule) of the README section ``## heading``."""
    text = README.read_text(encoding="utf-8")
    body = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in body.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[2:]]


def settings_rows() -> dict[str, str]:
    """Environment variable → its default cell; a row may name several variables (``A` / `B``) with
    their defaults in the same order."""
    found: dict[str, str] = {}
    for cells in section_rows("Settings"):
        names = re.findall(r"`(TSUNAGU_[A-Z0-9_]+)`", cells[0])
        defaults = [d.strip().strip("`") for d in cells[1].split(" / ")]
        for i, name in enumerate(names):
            assert name not in found, f"{name} has two rows in the README"
            found[name] = defaults[i] if len(defaults) == len(names) else cells[1]
    return found


def env_name(field: str) -> str:
    return "TSUNAGU_" + field.upper()


def states(cell: str, value: object) -> bool:
    """Does the README cell state this default (numbers compared as numbers: `0.90` is 0.9)?"""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return float(cell) == float(value)
        except ValueError:
            return False
    return cell == str(value)


def test_every_setting_has_one_row_and_every_row_is_a_setting():
    documented = set(settings_rows())
    fields = {env_name(name) for name in Settings.model_fields}
    assert sorted(fields - documented) == [], "settings missing from the README's settings table"
    assert sorted(documented - fields) == [], "README rows for settings that do not exist"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_the_readme_states_each_settings_default(name):
    default = Settings.model_fields[name].default
    cell = settings_rows()[env_name(name)]
    if default is None or default == "":
        # no value: the README says what happens instead ("—", "SQLite in the data dir", "derived")
        assert cell, f"{env_name(name)}: say what an unset value means"
    else:
        assert states(cell, default), f"{env_name(name)}: README says {cell!r}, Settings says {default!r}"


def test_every_command_has_exactly_one_row():
    parser = build_parser()
    [commands] = [a for a in parser._subparsers._group_actions if a.choices]  # argparse keeps them here
    usages = [cells[0] for cells in section_rows("The command line")]
    named = {m.group(1) for m in (re.match(r"`tsunagu ([a-z-]+)", u) for u in usages) if m}
    assert sorted(named) == sorted(commands.choices)
    assert sorted({u for u in usages if usages.count(u) > 1}) == [], "rows listed twice"
