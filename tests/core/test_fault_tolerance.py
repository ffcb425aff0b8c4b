"""What survives `kill -9`, with real processes and no mocks (docs/reliability.md).

The app server (`klimakreise serve`, gunicorn's master and workers) is killed as a whole process
group while client threads keep registering through the JSON API and adding cards to boards;
after a restart every save that was acknowledged must be in the database. The email worker is
killed while an SMTP server holds one of its messages; after a restart no email arrives twice.
Each runs on SQLite (a fresh data folder) and on PostgreSQL (a database of its own).
"""

import collections
import json
import threading

import pytest

from tests.core.fault_clients import CardWriter, RegistrationWriter
from tests.core.processes import (
    answers,
    environment,
    free_port,
    kill_group,
    klimakreise,
    postgres_databases,
    run,
    start,
    stop_group,
    wait_until,
)
from tests.outbox.conftest import SmtpServerProcess

pytestmark = pytest.mark.fault

STUCK = "A worker stopped while sending this email"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    if request.param == "sqlite":
        yield ""
        return
    with postgres_databases("fault") as [url]:
        yield url


def serve(env: dict, port: int, log) -> object:
    server = start(env, "serve", f"--bind=127.0.0.1:{port}", "--workers=2", log=log)
    wait_until(lambda: answers(f"http://127.0.0.1:{port}/") == 200, seconds=60, every=0.3)
    return server


def test_every_acknowledged_registration_and_card_survives_kill_9_of_the_app(
    tmp_path, database_url
):
    env = environment(tmp_path / "data", database_url, KLIMAKREISE_REGISTRATION_RATE="100000/m")
    klimakreise(env, "migrate", "--verbosity=0")
    seeded = json.loads(run(env, "tests.core.fault_world", "seed").stdout)
    port, log = free_port(), tmp_path / "serve.log"
    server = serve(env, port, log)
    stop = threading.Event()
    writers = [RegistrationWriter(port, stop, name=f"t{n}") for n in range(2)]
    writers += [CardWriter(port, stop, circle=c, token=t) for c, t in seeded["circles"]]
    try:
        for writer in writers:
            writer.start()
        wait_until(lambda: all(len(w.acknowledged) >= 20 for w in writers), seconds=180)
        kill_group(server)  # in the middle of the writes: the threads keep sending
        before_kill = sum(len(w.acknowledged) for w in writers)
        server = serve(env, port, log)
        after = {w: len(w.acknowledged) for w in writers}
        wait_until(lambda: all(len(w.acknowledged) >= after[w] + 10 for w in writers), seconds=180)
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
        stop_group(server)

    acknowledged = {
        "registrations": [a for w in writers if w.kind == "registration" for a in w.acknowledged],
        "cards": [a for w in writers if w.kind == "card" for a in w.acknowledged],
    }
    found = json.loads(
        run(env, "tests.core.fault_world", "found", stdin=json.dumps(acknowledged)).stdout
    )
    unacknowledged = found.pop("unacknowledged")
    assert found == {kind: sorted(values) for kind, values in acknowledged.items()}
    assert [w.error_answers for w in writers] == [[] for _ in writers]
    print(
        f"\n{_backend(database_url)}: {len(found['registrations'])} registrations and "
        f"{len(found['cards'])} cards acknowledged ({before_kill} before kill -9), all found; "
        f"{sum(w.failed for w in writers)} requests got no answer, {unacknowledged} of them saved"
    )


def test_the_worker_killed_mid_send_never_sends_an_email_twice(tmp_path, database_url):
    smtp_folder = tmp_path / "smtp"
    smtp_folder.mkdir()
    smtp = SmtpServerProcess(smtp_folder, free_port())
    env = environment(
        tmp_path / "data",
        database_url,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
        OUTBOX_POLL_SECONDS="0.1",
        OUTBOX_SENDING_TIMEOUT="2",
    )
    klimakreise(env, "migrate", "--verbosity=0")
    run(env, "tests.core.fault_world", "emails", "30")
    log = tmp_path / "worker.log"
    smtp.hold(12)
    worker = start(env, "worker", log=log)
    try:
        wait_until(lambda: smtp.holding, seconds=60)
        # Message 12 is with the server, which has not answered yet: its row is "sending".
        kill_group(worker)
        smtp.release()
        assert len(smtp.messages) == 12
        worker = start(env, "worker", log=log)
        outbox = wait_until(lambda: _settled(env), seconds=60, every=0.5)
    finally:
        stop_group(worker)
        smtp.stop()

    delivered = collections.Counter(smtp.subjects())
    assert max(delivered.values()) == 1  # no email twice
    in_flight = [s for s, (status, error) in outbox.items() if status == "failed"]
    assert len(in_flight) == 1 and outbox[in_flight[0]][1].startswith(STUCK)
    assert delivered[in_flight[0]] == 1  # it had gone out: "failed" means "may have gone out"
    sent = {s for s, (status, _) in outbox.items() if status == "sent"}
    assert sent | set(in_flight) == set(outbox) and set(delivered) == set(outbox)
    print(
        f"\n{_backend(database_url)}: {len(outbox)} emails, {sum(delivered.values())} "
        f"deliveries, none twice; in flight at kill -9: {in_flight[0]} (delivered once, "
        "marked failed as 'may have gone out', not sent again)"
    )


def _settled(env: dict) -> dict | None:
    """The outbox once no email is queued or being sent any more."""
    outbox = json.loads(run(env, "tests.core.fault_world", "outbox").stdout)
    busy = [s for s, (status, _) in outbox.items() if status in {"queued", "sending"}]
    return None if busy else outbox


def _backend(database_url: str) -> str:
    return "postgresql" if database_url else "sqlite"
