"""`klimakreise serve` with open board streams: ASGI workers answer ordinary requests while
streams wait, and a change saved by another process reaches an open stream (on SQLite through
the keeper's look at the log, the fan-out's safety net)."""

import http.client
import subprocess
import sys
import urllib.request

from tests.core.test_cli import READY_SECONDS, answer, free_port, production_env, run_cli, stop

MAKE_PUBLIC_CIRCLE = """
import django
django.setup()
from klimakreise.editions.models import Edition
from tests.boards.factories import make_circle, publish
from tests.factories import EditionFactory
edition = EditionFactory(status=Edition.Status.RUNNING)
circle = make_circle(edition)
publish(edition)
print(circle.pk)
"""

ADD_CARD = """
import sys, django
django.setup()
from klimakreise.boards import services
from klimakreise.circles.models import Circle
circle = Circle.objects.get(pk=int(sys.argv[1]))
services.add_card(circle=circle, column="ideas", text="Neu", actor={"actor_user": None})
"""

STREAMS = 8  # more than a sync worker with one thread could ever hold beside a page


def _python(env, script, *args) -> str:
    env = {**env, "DJANGO_SETTINGS_MODULE": "klimakreise.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _open_stream(port: int, circle: int) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", f"/circles/{circle}/stream/")
    response = connection.getresponse()
    assert response.status == 200
    assert response.readline().startswith(b"retry: ")  # caught up, now waiting
    return response


def _next_event_type(response: http.client.HTTPResponse) -> bytes:
    for _ in range(100):
        line = response.readline()
        if line.startswith(b"event: ") and line != b"event: presence\n":
            return line.strip()
    return b""


def test_serve_answers_pages_while_streams_are_open_and_streams_hear_other_processes(tmp_path):
    env = production_env(tmp_path, BOARD_STREAM="true", BOARD_STREAM_SECONDS="120")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    assert run_cli("migrate", "--verbosity=0", env=env).returncode == 0
    circle = int(_python(env, MAKE_PUBLIC_CIRCLE))
    port = free_port()
    command = [sys.executable, "-m", "klimakreise.cli", "serve", f"--bind=127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--workers=1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    streams = []
    try:
        assert answer(f"http://127.0.0.1:{port}/", seconds=READY_SECONDS) == 200
        streams = [_open_stream(port, circle) for _ in range(STREAMS)]
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/circles/{circle}/", timeout=60
        ) as page:
            assert page.status == 200  # one worker, eight waiting streams, and still a page
        _python(env, ADD_CARD, str(circle))  # another process: no in-process wake-up
        assert _next_event_type(streams[0]) == b"event: change"
    finally:
        for response in streams:
            response.close()
        stop(server)
