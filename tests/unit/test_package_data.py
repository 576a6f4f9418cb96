"""Every file the service may read at run time ships in the wheel: each data file under the packages (and
under translations/ and training_data/, which the wheel carries inside ``knowledge``) is matched by a
package-data glob in pyproject.toml. (`make wheel-check` installs the real wheel and asks it questions.)"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE_PACKAGES = ("bot", "connectors", "knowledge")


def shipped_folders() -> dict[str, str]:
    """setup.py's SHIPPED_FOLDERS: package name → repository folder."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    [value] = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "SHIPPED_FOLDERS" for t in node.targets)
    ]
    return ast.literal_eval(value)


def package_dir(package: str) -> Path:
    return ROOT / shipped_folders().get(package, package.replace(".", "/"))


def shipped_files() -> set[Path]:
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]
    return {
        path
        for package, globs in package_data.items()
        for pattern in globs
        for path in package_dir(package).glob(pattern)
        if path.is_file()
    }


def data_files() -> list[Path]:
    """Files that are not Python modules of a package (a .py file counts as data outside a package)."""
    roots = [ROOT / p for p in CODE_PACKAGES] + [ROOT / folder for folder in shipped_folders().values()]
    found = []
    for root in roots:
        for path in root.rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            if path.suffix == ".py" and (path.parent / "__init__.py").exists():
                continue
            if any(part.startswith(".") for part in path.relative_to(ROOT).parts):
                continue  # editor and tool leftovers (.rasa/ and the like)
            found.append(path)
    return found


@pytest.mark.parametrize("folder", ["translations", "training_data"])
def test_the_top_level_data_folders_ship_inside_the_knowledge_package(folder):
    assert folder in shipped_folders().values()


def test_every_data_file_is_package_data():
    missing = sorted(str(p.relative_to(ROOT)) for p in set(data_files()) - shipped_files())
    assert missing == [], "add a package-data glob in pyproject.toml for these"


def test_translations_and_the_prebuilt_index_are_among_them():
    shipped = {str(p.relative_to(ROOT)) for p in shipped_files()}
    assert "translations/en/LC_MESSAGES/messages.po" in shipped
    assert "training_data/data/nlu/en.yml" in shipped
    assert {"knowledge/prebuilt/manifest.json", "knowledge/prebuilt/vectors.npz"} <= shipped
