"""The clients of bench/live_push.py: browsers reduced to what the board's script does.

Plain asyncio sockets (HTTP/1.1, one connection per request, chunked bodies), so that the
benchmark needs no package beyond the project's own and 500 streams fit in one process.

A Viewer does what boards/static/boards/board.js does: it holds the board fragment, listens to the
circle's stream (Server-Sent Events) and, when an event names a newer revision (or says reload, or
the stream opens), fetches the fragment again with If-None-Match. When its stream ends it
reconnects after the server's `retry` with Last-Event-ID, as EventSource does.
"""

from __future__ import annotations

import asyncio
import html
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

HOST = "127.0.0.1"
CARD = re.compile(r'data-card="(\d+)".*?<p class="card-text">(.*?)</p>', re.S)
BOARD_STATE = re.compile(r'data-revision="(\d+)" data-etag="([^"]*)"')


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    at: float  # when the status line and headers had arrived (perf_counter)


async def _read_head(reader) -> tuple[int, list[tuple[str, str]]]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed before the answer")
    status = int(status_line.split()[1])
    headers = []
    while True:
        line = (await reader.readline()).decode("latin-1").rstrip("\r\n")
        if not line:
            return status, headers
        name, _, value = line.partition(":")
        headers.append((name.strip().lower(), value.strip()))


async def _chunks(reader, headers: dict[str, str]):
    """The body as it arrives: chunked, by Content-Length, or until the server closes."""
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                await reader.readline()
                return
            yield await reader.readexactly(size)
            await reader.readexactly(2)
    elif "content-length" in headers:
        yield await reader.readexactly(int(headers["content-length"]))
    else:
        while chunk := await reader.read(65536):
            yield chunk


class Session:
    """Cookies of one browser, and requests with them (Connection: close)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def _request_bytes(self, port, method, path, headers, body: bytes) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "Accept-Language: de"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        lines += [f"{k}: {v}" for k, v in headers.items()]
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    def _remember(self, headers: list[tuple[str, str]]) -> dict[str, str]:
        for name, value in headers:
            if name == "set-cookie":
                key, rest = value.split("=", 1)
                self.cookies[key] = rest.split(";", 1)[0]
        return dict(headers)

    async def request(self, port, method, path, *, headers=None, body=b"") -> Answer:
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            all_headers = {"Connection": "close", **(headers or {})}
            writer.write(self._request_bytes(port, method, path, all_headers, body))
            status, raw = await _read_head(reader)
            at = time.perf_counter()
            found = self._remember(raw)
            data = b"".join([chunk async for chunk in _chunks(reader, found)])
            return Answer(status, found, data, at)
        finally:
            writer.close()

    async def open_stream(self, port, path, last_id: str | None):
        """(reader, writer, status, headers) of an event stream; the caller reads and closes."""
        reader, writer = await asyncio.open_connection(HOST, port)
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if last_id is not None:
            headers["Last-Event-ID"] = last_id
        writer.write(self._request_bytes(port, "GET", path, headers, b""))
        status, raw = await _read_head(reader)
        return reader, writer, status, self._remember(raw)


@dataclass(eq=False)  # each one is a browser of its own (a key in dicts of tasks)
class Viewer:
    circle: int
    index: int  # within the circle; 0 is the circle's writer
    port: int
    token: str
    session: Session = field(default_factory=Session)
    last_id: str | None = None
    retry: float = 1.0
    received: dict[int, float] = field(default_factory=dict)  # revision -> first arrival
    duplicates: int = 0
    reloads: list[float] = field(default_factory=list)
    log: list[tuple[float, str, str]] = field(default_factory=list)  # (when, event, id)
    opens: list[float] = field(default_factory=list)
    stream_errors: list[str] = field(default_factory=list)
    board_revision: int = -1
    etag: str = ""
    cards: dict[int, str] = field(default_factory=dict)
    shown: list[tuple[int, float]] = field(default_factory=list)  # (revision, when fetched)
    refresh_statuses: dict[int, int] = field(default_factory=dict)
    follow: bool = True  # refresh the board on events, as the board's script does
    _refresh_wanted: bool = False
    _refresh_task: asyncio.Task | None = None

    @property
    def base(self) -> str:
        return f"/circles/{self.circle}/"

    async def sign_in(self) -> None:
        """The personal link: a redirect that remembers the member in the session."""
        answer = await self.session.request(self.port, "GET", f"{self.base}?t={self.token}")
        if answer.status != 302:
            raise RuntimeError(f"personal link answered {answer.status}")
        await self.refresh()

    async def refresh(self) -> None:
        headers = {"HX-Request": "true"} | ({"If-None-Match": self.etag} if self.etag else {})
        answer = await self.session.request(self.port, "GET", self.base + "board/", headers=headers)
        self.refresh_statuses[answer.status] = self.refresh_statuses.get(answer.status, 0) + 1
        if answer.status != 200:
            return
        text = answer.body.decode()
        state = BOARD_STATE.search(text)
        revision = int(answer.headers.get("x-board-revision", state.group(1)))
        if revision < self.board_revision:
            return  # an older answer than the board held (board.js does not swap it either)
        self.board_revision, self.etag = revision, state.group(2)
        self.cards = {int(pk): html.unescape(t) for pk, t in CARD.findall(text)}
        self.shown.append((revision, time.perf_counter()))

    def want_refresh(self) -> None:
        """Coalesce: one refresh at a time, another one after it if events came meanwhile."""
        if not self.follow:
            return
        self._refresh_wanted = True
        if self._refresh_task is None or self._refresh_task.done():
            self._refresh_task = asyncio.create_task(self._refresh_while_wanted())

    async def _refresh_while_wanted(self) -> None:
        while self._refresh_wanted:
            self._refresh_wanted = False
            try:
                await self.refresh()
            except (OSError, ConnectionError, asyncio.IncompleteReadError) as error:
                self.refresh_statuses[0] = self.refresh_statuses.get(0, 0) + 1
                self.stream_errors.append(f"refresh: {error!r}")

    async def listen(self) -> None:
        """Like EventSource: reconnect after `retry` whenever the stream ends, until cancelled."""
        while True:
            try:
                await self._one_stream()
            except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError) as error:
                self.stream_errors.append(repr(error))
            await asyncio.sleep(self.retry)

    async def _one_stream(self) -> None:
        stream = await self.session.open_stream(self.port, self.base + "stream/", self.last_id)
        reader, writer, status, headers = stream
        try:
            if status != 200:
                self.stream_errors.append(f"stream answered {status}")
                return
            self.opens.append(time.perf_counter())
            self.want_refresh()  # board.js: whatever happened before the stream opened
            buffer = ""
            async for chunk in _chunks(reader, headers):
                buffer += chunk.decode()
                while "\n\n" in buffer:
                    block, buffer = buffer.split("\n\n", 1)
                    self._dispatch(block)
        finally:
            writer.close()

    def _dispatch(self, block: str) -> None:
        now = time.perf_counter()
        fields: dict[str, str] = {}
        for line in block.split("\n"):
            if line and not line.startswith(":"):
                name, _, value = line.partition(":")
                fields[name] = value[1:] if value.startswith(" ") else value
        if "retry" in fields:
            self.retry = int(fields["retry"]) / 1000
        if "id" in fields:
            self.last_id = fields["id"]
        if not fields:
            return  # a comment only: the heartbeat
        kind = fields.get("event", "message")
        self.log.append((now, kind, fields.get("id", "")))
        if kind == "reload":
            self.reloads.append(now)
            self.want_refresh()
        elif kind == "change":
            revision = int(fields["data"])
            if revision in self.received:
                self.duplicates += 1
            else:
                self.received[revision] = now
            if revision > self.board_revision:
                self.want_refresh()


@dataclass
class Write:
    circle: int
    status: int
    revision: int
    sent: float  # when the save was sent
    at: float  # when the save's answer arrived


async def prepare_writer(viewer: Viewer, port: int) -> Session:
    """The writer's own browser session (it also has a viewer): the page gives the CSRF cookie."""
    session = Session()
    answer = await session.request(port, "GET", f"{viewer.base}?t={viewer.token}")
    if answer.status != 302:
        raise RuntimeError(f"writer's personal link answered {answer.status}")
    await session.request(port, "GET", viewer.base)
    if "csrftoken" not in session.cookies:
        raise RuntimeError("the workspace page set no CSRF cookie")
    return session


async def write_card(session: Session, port: int, circle: int, text: str) -> Write:
    body = urlencode({"column": "ideas", "text": text}).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRFToken": session.cookies["csrftoken"],
        "Referer": f"http://{HOST}:{port}/circles/{circle}/",
        "HX-Request": "true",
    }
    sent = time.perf_counter()
    answer = await session.request(
        port, "POST", f"/circles/{circle}/cards/add/", headers=headers, body=body
    )
    revision = int(answer.headers.get("x-board-revision", "-1"))
    return Write(circle, answer.status, revision, sent, answer.at)
