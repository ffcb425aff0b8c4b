import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection


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


def test_serve_creates_a_missing_cache_table_before_it_answers(tmp_path):
    """An upgrade that adds a cache table needs no manual step: `serve` creates it."""
    env = production_env(tmp_path)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    assert run_cli("migrate", "--verbosity=0", env=env).returncode == 0
    database = sqlite3.connect(tmp_path / "db.sqlite3")
    database.execute("DROP TABLE klimakreise_page_cache")
    database.commit()
    database.close()
    port = free_port()
    command = [sys.executable, "-m", "klimakreise.cli", "serve", f"--bind=127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        assert answer(f"http://127.0.0.1:{port}/", seconds=READY_SECONDS) == 200
    finally:
        stop(server)


# A loaded machine (two cores shared by several test runs) may need long to start gunicorn and
# its workers: generous limits, so that these tests fail only when the server never answers.
READY_SECONDS = 180


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answer(url: str, seconds: float) -> int | None:
    """The status the URL answers with, once the server is up; None if it never comes up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            time.sleep(0.3)
    return None


def test_serve_leaves_no_database_connection_open_for_its_workers_to_share(tmp_path):
    env = {
        **os.environ,
        "KLIMAKREISE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DEBUG": "false",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    assert run_cli("migrate", "--verbosity=0", env=env).returncode == 0
    script = (
        "from klimakreise.cli import prepare_to_serve; prepare_to_serve(); "
        "from django.db import connections; "
        "print([c.alias for c in connections.all() if c.connection is not None])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_without_secret_key_one_is_generated_once_and_kept_private(tmp_path):
    env = {**os.environ, "KLIMAKREISE_DATA_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    env["DJANGO_SETTINGS_MODULE"] = "klimakreise.settings"
    show = [sys.executable, "-c", "from django.conf import settings; print(settings.SECRET_KEY)"]

    first = subprocess.run(show, env=env, capture_output=True, text=True, check=True).stdout
    second = subprocess.run(show, env=env, capture_output=True, text=True, check=True).stdout

    assert first == second and len(first.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_serve_runs_asgi_workers(monkeypatch):
    from klimakreise import cli

    served = []
    monkeypatch.setattr(cli, "prepare_to_serve", lambda: None)
    monkeypatch.setattr("gunicorn.app.wsgiapp.run", lambda: served.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    cli.run_serve(["--workers=2", "--threads=4"])  # --threads is still accepted, to no effect
    argv = served[0]
    assert "klimakreise.asgi:application" in argv
    assert "--worker-class=uvicorn_worker.UvicornWorker" in argv
    assert "--workers=2" in argv and not any(arg.startswith("--threads") for arg in argv)


def test_serve_pools_database_connections_unless_told_otherwise(monkeypatch):
    from klimakreise import cli

    monkeypatch.setattr(cli, "prepare_to_serve", lambda: None)
    monkeypatch.setattr("gunicorn.app.wsgiapp.run", lambda: None)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.delenv("DATABASE_POOL", raising=False)
    cli.run_serve([])
    assert os.environ["DATABASE_POOL"] == "true"
    monkeypatch.setenv("DATABASE_POOL", "false")
    cli.run_serve([])
    assert os.environ["DATABASE_POOL"] == "false"


def test_a_pool_replaces_persistent_connections_on_postgresql_only(tmp_path):
    show = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d.get('OPTIONS', {}).get('pool'), d['CONN_MAX_AGE'])"
    )

    def database(url, pool):
        env = {**production_env(tmp_path), "DATABASE_URL": url, "DATABASE_POOL": pool}
        env["DJANGO_SETTINGS_MODULE"] = "klimakreise.settings"
        result = subprocess.run(
            [sys.executable, "-c", show], env=env, capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    postgres = "postgres://nobody@127.0.0.1:5432/nothing"
    assert database(postgres, "true") == "{'min_size': 1, 'max_size': 10} 0"
    assert database(postgres, "false") == "None 60"
    assert database(f"sqlite:///{tmp_path / 'db.sqlite3'}", "true") == "None 60"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="connection pools of PostgreSQL")
@pytest.mark.django_db
def test_serve_forks_its_workers_without_an_open_pool(tmp_path):
    """Each worker opens its own pool: one opened before the fork would share its sockets."""
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    env = {**production_env(tmp_path), "DATABASE_URL": url, "DATABASE_POOL": "true"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    script = (
        "from klimakreise.cli import prepare_to_serve; prepare_to_serve(); "
        "from django.db import connections; c = connections['default']; "
        "print(c.settings_dict['OPTIONS'].get('pool') is not None, "
        "c.alias in c._connection_pools, c.connection is None)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "True False True"


def test_serve_logs_requests_only_when_asked(monkeypatch):
    from klimakreise import cli

    served = []
    monkeypatch.setattr(cli, "prepare_to_serve", lambda: None)
    monkeypatch.setattr("gunicorn.app.wsgiapp.run", lambda: served.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.delenv("ACCESS_LOG", raising=False)
    cli.run_serve(["--bind=127.0.0.1:8123"])
    monkeypatch.setenv("ACCESS_LOG", "true")
    cli.run_serve([])
    cli.run_serve(["--no-access-log"])
    logged = ["--access-logfile=-" in argv for argv in served]
    assert logged == [False, True, False]
    assert "--bind=127.0.0.1:8123" in served[0]


def test_serve_rejects_an_access_log_setting_it_cannot_read():
    result = run_cli("serve", env={**os.environ, "ACCESS_LOG": "vielleicht"})
    assert result.returncode == 2
    assert "ACCESS_LOG must be true or false" in result.stderr
    assert "Traceback" not in result.stderr


def production_env(data_dir, **variables: str) -> dict[str, str]:
    """The environment of a production process on its own SQLite database in `data_dir`."""
    return {
        **os.environ,
        "KLIMAKREISE_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'db.sqlite3'}",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        **variables,
    }
