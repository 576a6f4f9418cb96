"""The Rasa integration stays out of the service's own install, and its project files stay consistent."""

from __future__ import annotations

import importlib.metadata as metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from connectors.rasa.questions import INTENT, question_files, stale
from connectors.rasa.slots import SLOTS

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
HEAVY = {"rasa", "rasa-pro", "rasa-plus", "tensorflow", "tensorflow-cpu", "tensorflow-text", "rasa-sdk"}


def closure(requirements: list[str]) -> set[str]:
    """Every distribution the requirements pull in, as installed here (markers evaluated, no extras)."""
    seen: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen or (requirement.marker and not requirement.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        try:
            requires = metadata.requires(requirement.name) or []
        except metadata.PackageNotFoundError:
            continue
        extras = requirement.extras
        for line in requires:
            child = Requirement(line)
            if (
                child.marker is None
                or child.marker.evaluate({"extra": ""})
                or any(child.marker.evaluate({"extra": e}) for e in extras)
            ):
                todo.append(child)
    return seen


def test_the_default_install_pulls_neither_rasa_nor_tensorflow():
    default = PYPROJECT["project"]["dependencies"]
    pulled = closure(default)
    assert "fastapi" in pulled and "pydantic" in pulled  # the walk does follow the installed metadata
    assert not pulled & HEAVY, pulled & HEAVY


def test_the_actions_extra_is_rasa_sdk_alone():
    extra = [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"]["actions"]]
    assert [canonicalize_name(r.name) for r in extra] == ["rasa-sdk"]
    assert not closure([str(r) for r in extra]) & (HEAVY - {"rasa-sdk"})


def test_the_service_never_imports_rasa():
    """The web app and the CLI load without rasa or rasa_sdk being imported."""
    code = (
        "import sys, connectors.app, connectors.cli, connectors.services; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'rasa', 'rasa_sdk', 'tensorflow'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_ask_question_examples_are_up_to_date():
    files = question_files()
    assert stale(files) == [], "run: tsunagu rasa-questions"
    assert {f.path.stem for f in files} == {p.stem for p in (ROOT / "knowledge" / "questions").glob("*.yaml")}


def test_the_domain_declares_the_slots_intents_and_actions_the_actions_use():
    domain = yaml.safe_load((ROOT / "training_data" / "domain.yml").read_text(encoding="utf-8"))
    assert set(SLOTS.all()) <= set(domain["slots"])
    nlu_intents = {
        item["intent"]
        for path in (ROOT / "training_data" / "data").rglob("*.yml")
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or [])
    }
    assert INTENT in nlu_intents and set(domain["intents"]) == nlu_intents
    from connectors.rasa.actions import ALL_ACTIONS  # needs rasa-sdk, present with the test extras

    assert {a().name() for a in ALL_ACTIONS} == set(domain["actions"])
    rules = yaml.safe_load((ROOT / "training_data" / "data" / "rules.yml").read_text(encoding="utf-8"))
    used = {step["action"] for rule in rules["rules"] for step in rule["steps"] if "action" in step}
    assert used <= set(domain["actions"])


def test_the_endpoint_points_at_the_action_server_default_port():
    endpoints = yaml.safe_load((ROOT / "training_data" / "endpoints.yml").read_text(encoding="utf-8"))
    assert re.fullmatch(r"http://(127\.0\.0\.1|localhost):5055/webhook", endpoints["action_endpoint"]["url"])


def test_actions_without_rasa_sdk_names_the_extra(monkeypatch, capsys):
    """`tsunagu actions` where rasa-sdk is missing: a clear message naming the extra, exit 2."""
    from connectors import cli

    monkeypatch.setitem(sys.modules, "rasa_sdk", None)
    for name in [m for m in sys.modules if m.startswith("connectors.rasa.")]:
        monkeypatch.delitem(sys.modules, name)
    assert cli.main(["actions"]) == 2
    assert "tsunagu[actions]" in capsys.readouterr().err


@pytest.mark.parametrize("module", ["connectors.rasa.line"])
def test_the_rasa_channel_needs_rasa(module):
    """The LINE channel is for Rasa's process: outside it, importing it fails plainly (nothing imports it)."""
    if any(d.metadata["Name"] == "rasa" for d in metadata.distributions()):
        pytest.skip("rasa is installed here")
    with pytest.raises(ImportError):
        __import__(module)
