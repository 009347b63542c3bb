"""The one sending loop of every email row (a Delivery, an Invitation): pending until sent, sent once.

Each row is taken and sent in the transaction that marks it: ``select_for_update(skip_locked=True)``
on PostgreSQL (two workers never take the same row), one writer at a time on SQLite. A worker that
dies before the commit leaves the row pending for the next run; a row marked sent is never taken again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol, TypeVar

from django.core.mail import EmailMessage
from django.db import models, transaction
from django.utils import timezone

log = logging.getLogger(__name__)
PENDING, SENT, FAILED = "pending", "sent", "failed"


class _Row(Protocol):
    pk: object
    status: str
    attempts: int
    error: str
    sent_at: object

    def save(self, *, update_fields: list[str]) -> None: ...


Row = TypeVar("Row", bound=models.Model)


def send_each(pending: Callable[[], models.QuerySet[Row]], message: Callable[[Row], EmailMessage]) -> int:
    """Send the email of every row ``pending()`` gives, oldest first; returns how many went out."""
    sent = 0
    while True:
        with transaction.atomic():
            # of=("self",): lock the row only; its joined rows (an invitation's inviter, nullable) stay free
            row = pending().select_for_update(skip_locked=True, of=("self",)).order_by("pk").first()
            if row is None:
                return sent
            mail: _Row = row  # type: ignore[assignment]
            mail.attempts += 1
            try:
                message(row).send(fail_silently=False)
            except Exception as exc:  # noqa: BLE001 - any mail error is recorded on its row
                log.warning("%s %s failed: %s", type(row).__name__, row.pk, exc)
                mail.status, mail.error = FAILED, str(exc)[:300]
            else:
                mail.status, mail.sent_at = SENT, timezone.now()
                sent += 1
            mail.save(update_fields=["status", "attempts", "error", "sent_at"])
