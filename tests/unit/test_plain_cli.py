"""tsunagu plain: one text, JSON, checker mode, and the stdin batch mode (one output line per input line)."""

import io
import json
import subprocess
import sys
from pathlib import Path

from connectors.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(argv, capsys, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_one_text_prints_the_rewrite(capsys):
    assert run(["plain", "しばらくお待ちください。"], capsys)[:2] == (0, "しばらく待ってください。\n")


def test_json_is_the_api_shape(capsys):
    code, out, _ = run(["plain", "令和8年", "--json"], capsys)
    body = json.loads(out)
    assert code == 0 and body["text"] == "2026年" and body["applied"][0]["rule_id"] == "western-year"


def test_check_lists_breaches(capsys):
    code, out, _ = run(["plain", "--check", "令和8年"], capsys)
    assert code == 0 and "[western-year] 令和8年" in out


def test_empty_text_is_an_error(capsys):
    code, _, err = run(["plain", "  "], capsys)
    assert code == 2 and "empty" in err


def test_batch_mode_writes_exactly_one_line_per_input_line(capsys, monkeypatch):
    lines = ["令和8年に来ました。", "", "しばらくお待ちください。", "   ", "14時に会いましょう。"]
    code, out, _ = run(["plain"], capsys, "\n".join(lines) + "\n", monkeypatch)
    assert code == 0
    assert out.split("\n")[:-1] == ["2026年に来ました。", "", "しばらく待ってください。", "", "午後2時に会いましょう。"]


def test_batch_check_mode_keeps_one_line_per_input_even_with_several_breaches(capsys, monkeypatch):
    code, out, _ = run(["plain", "--check"], capsys, "令和8年、14時\n雨です。\n", monkeypatch)
    assert code == 0 and out.count("\n") == 2 and out.split("\n")[1] == "OK"


def test_batch_json_mode_is_json_lines(capsys, monkeypatch):
    code, out, _ = run(["plain", "--json"], capsys, "令和8年\n\n", monkeypatch)
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["text"] == "2026年" and second["text"] == ""


def test_the_installed_command_reads_stdin(tmp_path):
    """Through a real process: stdout holds only the rewritten lines, progress stays on stderr."""
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "connectors.cli", "plain"],
        input="令和8年\n\n十五人\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "2026年\n\n15人\n"
