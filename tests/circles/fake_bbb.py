"""A small BigBlueButton stand-in: a real HTTP server in a thread that checks the checksum the
way BBB does and answers with BBB's XML. Tests switch it to failing or stop it."""

import hashlib
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

SECRET = "8cd8ef52e8e101574e400365b55e11a6"

SUCCESS = (
    "<response><returncode>SUCCESS</returncode><meetingID>{id}</meetingID>"
    "<messageKey></messageKey><message></message></response>"
)
FAILED = (
    "<response><returncode>FAILED</returncode><messageKey>{key}</messageKey>"
    "<message>refused</message></response>"
)


class FakeBBB:
    def __init__(self):
        self.calls = []  # (call name, parameters)
        self.fail_with = ""  # a messageKey to refuse every call with

    def answer(self, path, query):
        call = path.rsplit("/", 1)[-1]
        signed, _, checksum = query.rpartition("&checksum=")
        expected = hashlib.sha1(f"{call}{signed}{SECRET}".encode()).hexdigest()  # noqa: S324
        params = dict(urllib.parse.parse_qsl(signed))
        self.calls.append((call, params))
        if checksum != expected:
            return FAILED.format(key="checksumError")
        if self.fail_with:
            return FAILED.format(key=self.fail_with)
        return SUCCESS.format(id=params.get("meetingID", ""))


@pytest.fixture
def fake_bbb(settings):
    fake = FakeBBB()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            path, _, query = self.path.partition("?")
            body = fake.answer(path, query).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.BBB_URL = f"http://127.0.0.1:{server.server_port}/bigbluebutton/"
    settings.BBB_SECRET = SECRET
    yield fake
    server.shutdown()
    server.server_close()
