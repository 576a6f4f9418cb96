"""The lock files pin what `make run` and `make test` install: every dependency of pyproject.toml has a pin
there that its specifier admits (else run `make lock`), and both files agree on shared packages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
TEST_EXTRAS = ("test", "actions", "sentence-transformers", "lint")


def pins(name: str) -> dict[str, Version]:
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    found = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", text, flags=re.MULTILINE)
    return {canonicalize_name(package): Version(version) for package, version in found}


def requirements(*extras: str) -> list[Requirement]:
    lines = PROJECT["dependencies"] + [r for extra in extras for r in PROJECT["optional-dependencies"][extra]]
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize("lock, extras", [("run.txt", ()), ("test.txt", TEST_EXTRAS)])
def test_every_dependency_is_pinned_within_its_range(lock, extras):
    pinned = pins(lock)
    problems = [
        f"{r}: {pinned.get(canonicalize_name(r.name), 'not pinned')}"
        for r in requirements(*extras)
        if canonicalize_name(r.name) not in pinned
        or not r.specifier.contains(pinned[canonicalize_name(r.name)], prereleases=True)
    ]
    assert problems == [], "run `make lock`"


def test_run_and_test_locks_agree():
    run, test = pins("run.txt"), pins("test.txt")
    assert {name: version for name, version in run.items() if test.get(name) != version} == {}


def test_torch_is_the_cpu_build_and_only_in_the_test_lock():
    assert "torch" not in pins("run.txt")
    assert pins("test.txt")["torch"].base_version == "2.13.0"
    assert not any(name.startswith("nvidia-") for name in pins("test.txt"))  # no CUDA wheels
