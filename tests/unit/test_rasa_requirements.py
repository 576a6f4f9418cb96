"""scripts/rasa_requirements.py: Rasa's requirements as pip would see them on Python 3.10."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "rasa_requirements.py"
spec = importlib.util.spec_from_file_location("rasa_requirements", SCRIPT)
rasa_requirements = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rasa_requirements)

# shaped like rasa 3.6.21's METADATA: version-guarded pins, extras, and rasa-sdk (installed from its wheel)
METADATA = """Metadata-Version: 2.1
Name: rasa
Version: 3.6.21
Requires-Python: >=3.8,<3.11
Requires-Dist: numpy (>=1.19.2,<1.25.0) ; python_version >= "3.8" and python_version < "3.11"
Requires-Dist: numpy (>=1.26) ; python_version >= "3.12"
Requires-Dist: scipy (>=1.10.0,<1.11.0) ; python_version >= "3.8" and python_version < "3.11"
Requires-Dist: tensorflow (==2.12.0) ; sys_platform != "darwin" or platform_machine != "arm64"
Requires-Dist: rasa-sdk (>=3.6.2,<3.7.0)
Requires-Dist: spacy (>=3.5,<4.0) ; extra == "full" or extra == "spacy"
Requires-Dist: pydantic (<1.10.10)
"""


def wheel(tmp_path: Path, name: str, metadata: str) -> str:
    path = tmp_path / name
    dist_info = name.split("-")[0] + "-" + name.split("-")[1] + ".dist-info"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{dist_info}/METADATA", metadata)
    return str(path)


@pytest.mark.parametrize("python, expected_numpy", [("3.10", "numpy<1.25.0,>=1.19.2"), ("3.12", "numpy>=1.26")])
def test_markers_are_evaluated_for_the_target_python(tmp_path, python, expected_numpy):
    found = rasa_requirements.requirements_for(wheel(tmp_path, "rasa-3.6.21-py3-none-any.whl", METADATA), python)
    assert expected_numpy in found
    assert ("scipy<1.11.0,>=1.10.0" in found) == (python == "3.10")
    assert "tensorflow==2.12.0" in found and "pydantic<1.10.10" in found
    assert not any(r.startswith("spacy") for r in found)  # extras are left out


def test_the_given_wheels_are_not_required_again(tmp_path, capsys):
    rasa = wheel(tmp_path, "rasa-3.6.21-py3-none-any.whl", METADATA)
    sdk = wheel(
        tmp_path,
        "rasa_sdk-3.6.2-py3-none-any.whl",
        "Metadata-Version: 2.1\nName: rasa-sdk\nVersion: 3.6.2\nRequires-Dist: sanic (>=21.12.0,<22.0.0)\n",
    )
    assert rasa_requirements.main([rasa, sdk]) == 0
    printed = capsys.readouterr().out.split()
    assert "sanic<22.0.0,>=21.12.0" in printed and not any(r.startswith("rasa-sdk") for r in printed)
