import json
import subprocess
import sys


def run_cli(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "klimakreise.cli", *args], capture_output=True, text=True, **kwargs
    )


def test_assign_runs_without_django_settings_or_database(tmp_path):
    problem = {
        "topics": [{"id": "energie", "min_size": 1, "max_size": 2, "max_groups": 1}],
        "participants": [{"id": "p1", "preferences": ["energie"]}],
    }
    source = tmp_path / "in.json"
    source.write_text(json.dumps(problem))
    result = run_cli("assign", str(source), "-o", str(tmp_path / "out.json"))
    assert result.returncode == 0, result.stderr
    output = json.loads((tmp_path / "out.json").read_text())
    assert output["groups"] == [{"topic": "energie", "index": 1, "members": ["p1"]}]


def test_demo_rejects_an_invalid_port():
    result = run_cli("demo", "--port", "70000", "--no-serve")
    assert result.returncode == 2
    assert "--port" in result.stderr
    assert "Traceback" not in result.stderr
