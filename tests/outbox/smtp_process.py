"""A real SMTP server in its own process, as the worker meets one in production.

Run as `python smtp_process.py PORT DIR`: every accepted message is written to DIR as
<n>.eml; while DIR/refuse exists, its text is the server's answer to DATA (e.g. "451 4.3.0 try
later"); while DIR/delay exists, the server waits that many seconds before it answers DATA
(a slow server). While DIR/hold-at exists, the answer to the message of that number (1, 2, …) is
held back after the message was stored: DIR/holding appears, and the server answers once
DIR/hold-at is removed (so a sender can be killed after the server took the message, before it
heard so). It prints "ready" once it listens.
"""

import asyncio
import sys
import time
from pathlib import Path

from aiosmtpd.controller import Controller


class FileHandler:
    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        delay = self.folder / "delay"
        if delay.exists():
            await asyncio.sleep(float(delay.read_text()))
        refuse = self.folder / "refuse"
        if refuse.exists():
            return refuse.read_text()
        self.count += 1
        partial = self.folder / f"{self.count:05d}.part"
        partial.write_bytes(envelope.original_content)
        partial.rename(self.folder / f"{self.count:05d}.eml")  # readers never see half a file
        await self.hold_if_asked()
        return "250 OK"

    async def hold_if_asked(self) -> None:
        hold = self.folder / "hold-at"
        if hold.exists() and int(hold.read_text()) == self.count:
            (self.folder / "holding").touch()
            while hold.exists():
                await asyncio.sleep(0.05)


def main() -> None:
    port, folder = int(sys.argv[1]), Path(sys.argv[2])
    controller = Controller(FileHandler(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
