"""Reading the YAML data files with libyaml's C parser when PyYAML has it (several times faster at
start-up, where ~40 data files are read), else the pure-Python safe loader."""

from __future__ import annotations

from pathlib import Path

import yaml

__all__ = ["load_yaml"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - a safe loader
