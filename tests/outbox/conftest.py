"""A real SMTP server (aiosmtpd) on a free localhost port, and the test email templates."""

import email
import email.policy
import socket
import threading
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

TEMPLATE_DIR = Path(__file__).parent / "templates"


class RecordingHandler:
    """Accepts mail and keeps it; `refuse` makes it answer like a busy server."""

    def __init__(self):
        self.messages = []
        self.refuse = None  # e.g. "451 4.3.0 try later"
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return self.refuse
        with self.lock:
            self.messages.append(
                email.message_from_bytes(envelope.original_content, policy=email.policy.default)
            )
        return "250 OK"

    def subjects(self):
        with self.lock:
            return [message["Subject"] for message in self.messages]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """Start an SMTP server and point Django's SMTP backend at it."""
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEBUG = False
    yield handler
    controller.stop()


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
