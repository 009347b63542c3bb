"""An email backend for the worker-kill test: one file per message, and a stall to be killed in.

Each message is written to its own file in CONVENER_TEST_MAIL_DIR (named at random, so a
message sent twice shows as two files). When the directory holds CONVENER_TEST_MAIL_STALL_AT
messages and no ``stalled`` marker yet, the backend writes the marker and sleeps before
sending: the test kills the worker there, mid-way through an announcement.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        folder = Path(os.environ["CONVENER_TEST_MAIL_DIR"])
        stall_at = int(os.environ.get("CONVENER_TEST_MAIL_STALL_AT", "0") or 0)
        for message in email_messages:
            marker = folder / "stalled"
            if stall_at and not marker.exists() and len(list(folder.glob("*.eml"))) >= stall_at:
                marker.write_text(str(os.getpid()))
                time.sleep(300)
            (folder / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)
