"""Exit codes and one-line messages of ``klimakreise assign``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from klimakreise.assignment import cli

from .helpers import assert_valid_grouping

REPO = Path(__file__).resolve().parents[2]


def _problem(people: int = 6) -> dict:
    return {
        "topics": [
            {"id": "mobilitaet", "min_size": 2, "max_size": 4, "max_groups": 2},
            {"id": "energie", "min_size": 2, "max_size": 4, "max_groups": 1},
        ],
        "participants": [
            {"id": f"p{i}", "preferences": ["mobilitaet", "energie"]} for i in range(people)
        ],
    }


def _write(tmp_path: Path, content: object, name: str = "in.json") -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return str(path)


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1
    return lines[0]


def test_valid_input_writes_the_output_file_and_exits_0(tmp_path: Path) -> None:
    problem = _problem()
    output = tmp_path / "out.json"
    code = cli.main([_write(tmp_path, problem), "-o", str(output), "--seed", "4"])
    assert code == 0
    assert_valid_grouping(problem, json.loads(output.read_text("utf-8")))


def test_without_output_option_the_result_goes_to_stdout(tmp_path, capsys) -> None:
    assert cli.main([_write(tmp_path, _problem()), "--time-limit", "10"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["optimal"] is True


def test_dash_reads_the_problem_from_stdin(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(_problem())))
    assert cli.main(["-"]) == 0
    assert len(json.loads(capsys.readouterr().out)["groups"]) >= 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "is not valid JSON"),
        ({"topics": []}, 'missing "participants"'),
        (
            {**_problem(), "participants": [{"id": "p7", "preferences": ["verkehr"]}]},
            'participant "p7": unknown topic "verkehr" in preferences',
        ),
    ],
)
def test_invalid_input_exits_2_with_one_line(tmp_path, capsys, content, expected) -> None:
    assert cli.main([_write(tmp_path, content)]) == 2
    assert expected in _one_error_line(capsys)


def test_missing_input_file_exits_2(tmp_path, capsys) -> None:
    assert cli.main([str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in _one_error_line(capsys)


def test_bad_command_line_exits_2(capsys) -> None:
    assert cli.main(["a.json", "--seed", "many"]) == 2
    assert cli.main([]) == 2


def test_infeasible_exits_3_with_an_explanation(tmp_path, capsys) -> None:
    problem = _problem(people=20)  # 12 places
    assert cli.main([_write(tmp_path, problem)]) == 3
    assert "20 participants but at most 12 places" in _one_error_line(capsys)


def test_unexpected_errors_exit_1_without_a_traceback(tmp_path, capsys, monkeypatch) -> None:
    def explode(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli, "solve", explode)
    assert cli.main([_write(tmp_path, _problem())]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip() == "error: unexpected RuntimeError: boom second line"


def test_python_dash_m_runs_the_same_cli(tmp_path: Path) -> None:
    good = _write(tmp_path, _problem())
    bad = _write(tmp_path, _problem(people=20), "bad.json")
    ok = subprocess.run(
        [sys.executable, "-m", "klimakreise.assignment", good],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["stats"]["diversity_violations"] == 0  # stdout is pure JSON
    infeasible = subprocess.run(
        [sys.executable, "-m", "klimakreise.assignment", bad],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert infeasible.returncode == 3
    assert infeasible.stderr.startswith("error: infeasible:")
    assert "Traceback" not in infeasible.stderr
