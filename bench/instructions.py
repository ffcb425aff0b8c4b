"""Instructions per request of a page, counted by callgrind: a measure that does not drift.

Usage: .venv/bin/python bench/instructions.py [--data-dir DIR] [PATH | sign-up ...]

Machines of this kind change speed by half within an hour, so requests/s of two runs compare
badly. callgrind counts the instructions the CPU executes instead. The script loads the demo
into DIR (as results_bench.py does), then runs the WSGI application in a child process under
`valgrind --tool=callgrind` twice, for 2 and for 12 requests after 3 warm-ups, and prints the
difference divided by 10. PYTHONHASHSEED is fixed: set and dict order change the count.
"sign-up" posts a new registration to the demo's open edition through the API (on SQLite,
whose work runs in the same process, so its write-ahead log and checkpoints make this count
vary by about a tenth from run to run; pages vary by a few percent). Needs valgrind
(`apt-get install -y valgrind`); each takes about a minute.
"""

import argparse
import io
import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

from results_bench import load_demo, server_env

REPO = Path(__file__).resolve().parent.parent
PAGES = ["/e/magdeburg-2022/results/", "/e/magdeburg-2022/", "sign-up"]
# "sign-up": the registration API with a new address each time, on the demo's open edition.
SIGN_UP_PATH = "/api/v1/editions/magdeburg-3/registrations"


def sign_up_body(run: str, n: int) -> bytes:
    return json.dumps({
        "name": f"Bench Person {n}", "email": f"bench-{run}-{n}@example.org",
        "sector": "zivilgesellschaft", "preferences": ["energie", "mobilitaet", "stadtgruen"],
        "consent_privacy": True, "language": "de",
    }).encode()  # fmt: skip


def serve_in_process(path: str, warm_ups: int, count: int) -> None:
    """The child: call the WSGI application for `path`, as gunicorn would."""
    from klimakreise.wsgi import application

    run, expected = uuid.uuid4().hex, "201" if path == "sign-up" else "200"

    def environ(n):
        body = sign_up_body(run, n) if path == "sign-up" else b""
        return {
            "REQUEST_METHOD": "POST" if body else "GET", "QUERY_STRING": "", "SCRIPT_NAME": "",
            "PATH_INFO": SIGN_UP_PATH if body else path, "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": "application/json", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
        }  # fmt: skip

    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    for n in range(warm_ups + count):
        body = application(environ(n), start_response)
        b"".join(body)
        body.close()
    if not all(status.startswith(expected) for status in statuses):
        raise SystemExit(f"{path} answered {sorted(set(statuses))}")


def instructions(path: str, count: int, env: dict) -> int:
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
    command += [__file__, "--child", path, str(count)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=REPO)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or not found:
        raise SystemExit(f"callgrind failed for {path}:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        return serve_in_process(sys.argv[2], warm_ups=3, count=int(sys.argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/klimakreise-bench-demo"))
    parser.add_argument("paths", nargs="*", default=PAGES)
    options = parser.parse_args()
    load_demo(options.data_dir)
    env = {**server_env(options.data_dir, cached=False), "PYTHONHASHSEED": "0"}
    env["KLIMAKREISE_REGISTRATION_RATE"] = "1000000/h"  # the sign-ups all come from one address
    env["PYTHONPATH"] = str(REPO)
    collectstatic = [sys.executable, "-m", "klimakreise.cli", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collectstatic, env=env, cwd=REPO, check=True)
    for path in options.paths:
        per_request = (instructions(path, 12, env) - instructions(path, 2, env)) / 10
        print(f"| `{path}` | {per_request / 1e6:.1f} M instructions per request |")


if __name__ == "__main__":
    main()
