"""Client threads for the fault tests: they keep writing over real HTTP and remember every save
the server acknowledged (a 2xx answer, or the redirect after a saved form)."""

import http.client
import http.cookies
import json
import threading
import urllib.parse

SECTOR = "zivilgesellschaft"
TOPICS = ["energie", "mobilitaet", "gruen"]


class Writer(threading.Thread):
    kind = ""

    def __init__(self, port: int, stop: threading.Event, *, name: str):
        super().__init__(name=name, daemon=True)
        self.port, self.stop = port, stop
        self.acknowledged: list[str] = []
        self.failed = 0  # no answer: the server was down or died while answering
        self.error_answers: list[int] = []  # an answer, but not a saved one
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"", headers=None) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        if self.cookies:
            cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            headers = {**(headers or {}), "Cookie": cookie}
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                parsed = http.cookies.SimpleCookie(header)
                self.cookies.update({k: m.value for k, m in parsed.items()})
            return response.status
        finally:
            connection.close()

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            try:
                key, saved = self.write(n)
            except OSError:  # refused, reset, or closed without an answer
                self.failed += 1
                self.stop.wait(0.05)
                continue
            if saved:
                self.acknowledged.append(key)


class RegistrationWriter(Writer):
    kind = "registration"

    def write(self, n: int) -> tuple[str, bool]:
        email = f"{self.name}-{n}@example.org"
        body = json.dumps({
            "name": f"Person {n}", "email": email, "sector": SECTOR, "preferences": TOPICS,
            "consent_privacy": True,
        }).encode()  # fmt: skip
        status = self.request(
            "POST",
            "/api/v1/editions/anmeldung/registrations",
            body,
            {"Content-Type": "application/json"},
        )
        if status != 201:
            self.error_answers.append(status)
        return email, status == 201


class CardWriter(Writer):
    """A circle member who opened their personal link and adds cards to the board."""

    kind = "card"

    def __init__(self, port: int, stop: threading.Event, *, circle: int, token: str):
        super().__init__(port, stop, name=f"karte-{circle}")
        self.circle, self.token = circle, token

    def write(self, n: int) -> tuple[str, bool]:
        if "csrftoken" not in self.cookies:
            self.open_board()
        text = f"Idee {self.circle}-{n}"
        body = urllib.parse.urlencode({"column": "ideas", "text": text}).encode()
        status = self.request(
            "POST",
            f"/circles/{self.circle}/cards/add/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": self.cookies["csrftoken"],
            },
        )
        if status != 302:
            self.error_answers.append(status)
        return text, status == 302

    def open_board(self) -> None:
        assert self.request("GET", f"/circles/{self.circle}/?t={self.token}") == 302
        assert self.request("GET", f"/circles/{self.circle}/") == 200
