"""gunicorn hooks for `klimakreise serve --with-worker`: one command runs the web workers and the
email and job worker beside them, for the single server of a small alliance. The worker starts
when gunicorn is ready and is stopped (SIGTERM: it finishes the email it is sending) when
gunicorn stops. A worker that exits with 0 was stopped on purpose (e.g. the service manager or
Ctrl+C signalled the whole process group) and is not started again; one that crashed is, after a
pause."""

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
# Starting a worker and deciding to stop are one step each: without the lock, on_exit could look
# at the old process while a new one is being started, and the new one would outlive gunicorn.
_lock = threading.Lock()


def when_ready(server) -> None:
    threading.Thread(target=_keep_worker_running, args=(server.log,), daemon=True).start()


def on_exit(server) -> None:
    with _lock:
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
    while True:
        with _lock:
            if _state["stopping"]:
                return
            _state["process"] = process = subprocess.Popen(WORKER)
        log.info("Started the email and job worker (pid %s).", process.pid)
        code = process.wait()
        if _state["stopping"]:
            return
        if code == 0:
            log.info("The email worker stopped; it is not started again.")
            return
        log.warning("The email worker exited with %s; starting it again.", code)
        time.sleep(RESTART_PAUSE)
