"""A real SMTP server (aiosmtpd) in its own process on a free localhost port, and the test
email templates."""

import email
import email.policy
import socket
import subprocess
import sys
from pathlib import Path

import pytest

TEMPLATE_DIR = Path(__file__).parent / "templates"
SERVER_SCRIPT = Path(__file__).parent / "smtp_process.py"


class SmtpServerProcess:
    """The SMTP server process and what it received; set `refuse` to answer like a busy
    server (e.g. "451 4.3.0 try later"), None to accept again."""

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.process = subprocess.Popen(
            [sys.executable, str(SERVER_SCRIPT), str(port), str(folder)],
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            self.stop()
            raise RuntimeError("the SMTP server process did not start")

    @property
    def messages(self) -> list:
        return [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for path in sorted(self.folder.glob("*.eml"))
        ]

    @property
    def refuse(self) -> str | None:
        path = self.folder / "refuse"
        return path.read_text() if path.exists() else None

    @refuse.setter
    def refuse(self, answer: str | None) -> None:
        path = self.folder / "refuse"
        if answer is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(answer)

    def hold(self, number: int) -> None:
        """Store the message of this number but answer it only after release()."""
        (self.folder / "hold-at").write_text(str(number))

    @property
    def holding(self) -> bool:
        return (self.folder / "holding").exists()

    def release(self) -> None:
        (self.folder / "hold-at").unlink(missing_ok=True)

    def subjects(self) -> list[str]:
        return [message["Subject"] for message in self.messages]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings, tmp_path):
    """Start an SMTP server process and point Django's SMTP backend at it."""
    server = SmtpServerProcess(tmp_path, free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEBUG = False
    yield server
    server.stop()


@pytest.fixture
def closed_smtp_port(settings):
    """Point the SMTP backend at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10


@pytest.fixture
def email_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATE_DIR]}
    ]


@pytest.fixture(autouse=True)
def _english_pages(settings):
    """These tests read English page text; German catalogues are checked in test_translations."""
    settings.LANGUAGE_CODE = "en"
