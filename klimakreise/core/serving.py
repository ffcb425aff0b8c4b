"""gunicorn hooks for `klimakreise serve --with-worker`: one command runs the web workers and the
email and job worker beside them, for the single server of a small alliance. The worker starts
when gunicorn is ready and is stopped (SIGTERM: it finishes the email it is sending) when
gunicorn stops; if it exits on its own, it is started again after a pause."""

import subprocess
import sys
import threading
import time

WORKER = [
    sys.executable,
    "-c",
    "import sys; from klimakreise.cli import main; sys.exit(main(['klimakreise', 'worker']))",
]
RESTART_PAUSE = 5  # seconds before a worker that exited is started again
STOP_TIMEOUT = 30  # seconds a stopping worker has to finish the email it is sending

_state = {"process": None, "stopping": False}


def when_ready(server) -> None:
    threading.Thread(target=_keep_worker_running, args=(server.log,), daemon=True).start()


def on_exit(server) -> None:
    _state["stopping"] = True
    process = _state["process"]
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        server.log.warning("The email worker did not stop in %s s; killing it.", STOP_TIMEOUT)
        process.kill()


def _keep_worker_running(log) -> None:
    while not _state["stopping"]:
        _state["process"] = process = subprocess.Popen(WORKER)
        log.info("Started the email and job worker (pid %s).", process.pid)
        code = process.wait()
        if not _state["stopping"]:
            log.warning("The email worker exited with %s; starting it again.", code)
            time.sleep(RESTART_PAUSE)
