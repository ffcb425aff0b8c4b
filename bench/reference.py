"""A plain Django hello world as a yardstick, so benchmark numbers compare across machines.

The issues state speed targets "on this 2-core machine" together with a reference: a plain Django
hello world manages about 2,700 requests/s there. Sessions run on machines of different speed, so
each benchmark also measures this hello world under the same conditions (gunicorn sync workers on
the loopback interface, wrk with the same connections and duration) and scales its own numbers to
the reference machine with `scaled` (throughput) and `scaled_latency` (latencies).

By hand:  .venv/bin/python bench/reference.py [--workers 3] [--connections 16] [--duration 8]
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

REFERENCE_HELLO_WORLD = 2700  # requests/s of the hello world on the machine the issues speak of
HERE = Path(__file__).resolve().parent
HOST = "127.0.0.1"
# Each gunicorn worker imports this module on its own, so each has its own key; that is harmless
# because the view signs nothing (no session, no CSRF token, no message is touched).
SECRET_KEY = secrets.token_urlsafe(50)


# --- the hello world (what gunicorn serves) ---


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("", hello)]


def make_application():
    """Configure Django like a fresh `startproject` and return its WSGI app.

    A factory (gunicorn target `reference:make_application()`) rather than configuring at import:
    the benchmarks import this module too, and registration_bench configures Django with the
    project's own settings in its own process afterwards.
    """
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=[HOST, "localhost"],
        SECRET_KEY=SECRET_KEY,
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        # Never opened: the view touches no model, so no file is created and no migration runs.
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": Path(tempfile.gettempdir()) / "hello-world-reference.sqlite3",
            }
        },
        STATIC_URL="static/",
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    )
    return get_wsgi_application()


# --- measuring it ---


def require_wrk() -> None:
    """wrk is the load generator of every throughput number; call early to fail before setup."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed to measure the hello world: apt-get install -y wrk")


def hello_world_rate(workers=3, connections=16, duration=8, port=None) -> float:
    """Requests/s of the hello world under gunicorn (`workers` sync workers) and wrk."""
    require_wrk()
    port = port or free_port()
    with tempfile.TemporaryFile("w+") as log:  # gunicorn's own log, shown if it fails to start
        server = start_server(workers, port, log)
        try:
            return run_wrk(f"http://{HOST}:{port}/", connections, duration)
        finally:
            stop_server(server)


def scaled(rate: float, hello: float) -> float:
    """A throughput as it would be on the reference machine (faster machine: scaled down)."""
    return rate * REFERENCE_HELLO_WORLD / hello


def scaled_latency(latency: float, hello: float) -> float:
    """A latency as it would be on the reference machine (faster machine: scaled up)."""
    return latency * hello / REFERENCE_HELLO_WORLD


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(workers: int, port: int, log) -> subprocess.Popen:
    """Start gunicorn on the hello world and return once it answers."""
    command = [sys.executable, "-m", "gunicorn", "reference:make_application()"]
    command += [f"--chdir={HERE}", f"--bind={HOST}:{port}", f"--workers={workers}"]
    # The benchmark's own Django settings must not leak in; settings.configure() is used instead.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    server = subprocess.Popen(
        [*command, "--log-level=warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    if wait_until_answering(server, f"http://{HOST}:{port}/", seconds=30):
        return server
    stop_server(server)
    log.seek(0)
    raise SystemExit(f"The hello world server did not start:\n{log.read()[-3000:]}")


def wait_until_answering(server: subprocess.Popen, url: str, seconds: float) -> bool:
    """True once `url` answers 200; False if the server exits or `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def run_wrk(url: str, connections: int, duration: int) -> float:
    """Requests/s as wrk counts them; any non-2xx answer makes the number meaningless."""
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"The hello world answered errors:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=8)
    options = parser.parse_args()
    rate = hello_world_rate(options.workers, options.connections, options.duration)
    print(f"hello world: {rate:,.0f} requests/s (reference machine: {REFERENCE_HELLO_WORLD:,})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
