"""Writes for discussion, Q&A and polls, one module per feature: qa (live Q&A), polls (live polls), threads (forum
topics and replies); common holds the checks they share.

Each validates, writes under a transaction, then broadcasts. Every change is in the database before anyone hears
of it (``broadcast_html_on_commit``); a client that missed an event re-reads the database. Rate limits are counted
from the rows themselves, so every worker sees the same numbers, and each person's writes are serialised on their
Participant row so a burst of parallel requests cannot slip past a limit.

Callers use this package's names (``services.question_ask``), so the layout can change without them. The limits
are read where they are used: patch ``services.qa.VOTES_PER_MINUTE``, not the copy here.
"""

from convener.discussion.services.common import EDIT_WINDOW
from convener.discussion.services.polls import poll_answer, poll_create, poll_delete, poll_set_status
from convener.discussion.services.qa import (
    MODERATION_ACTIONS,
    QUESTIONS_PER_MINUTE,
    VOTES_PER_MINUTE,
    qa_set_status,
    question_ask,
    question_moderate,
    question_promote,
    question_vote,
)
from convener.discussion.services.threads import (
    REPLIES_PER_MINUTE,
    TOPICS_PER_MINUTE,
    reply_create,
    reply_edit,
    reply_set_hidden,
    topic_create,
    topic_edit,
    topic_moderate,
)

__all__ = [
    "EDIT_WINDOW",
    "MODERATION_ACTIONS",
    "QUESTIONS_PER_MINUTE",
    "REPLIES_PER_MINUTE",
    "TOPICS_PER_MINUTE",
    "VOTES_PER_MINUTE",
    "poll_answer",
    "poll_create",
    "poll_delete",
    "poll_set_status",
    "qa_set_status",
    "question_ask",
    "question_moderate",
    "question_promote",
    "question_vote",
    "reply_create",
    "reply_edit",
    "reply_set_hidden",
    "topic_create",
    "topic_edit",
    "topic_moderate",
]
