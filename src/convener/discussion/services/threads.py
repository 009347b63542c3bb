"""Forum threads: topics about a theme, session or presentation, their replies, editing within the edit window,
and the organisers' hiding and locking.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from convener.discussion import selectors, targets
from convener.discussion.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Reply, Topic
from convener.discussion.services.common import check_edit, check_member, clean_text, lock_person, recent
from convener.people.models import Participant
from convener.program.models import Meeting

TOPICS_PER_MINUTE = 3
REPLIES_PER_MINUTE = 6


def _check_topic_open(topic: Topic) -> None:
    if topic.is_locked:
        raise ValidationError("This topic is locked: it takes no more replies.", code="locked")
    if topic.is_hidden:
        raise ValidationError("This topic is hidden.", code="hidden")


@transaction.atomic
def topic_create(
    *, meeting: Meeting, kind: object, target_id: object, by: Participant | None, title: object, body: object
) -> Topic:
    author = check_member(by, meeting.pk, "start topics")
    target = targets.resolve(meeting=meeting, kind=kind, pk=target_id)  # type: ignore[arg-type]
    if target is None:
        raise ValidationError("There is no such theme, session or presentation in this meeting.", code="target")
    title = clean_text(title, label="The title", maximum=TITLE_MAX_LENGTH)
    body = clean_text(body, label="The text", maximum=BODY_MAX_LENGTH)
    lock_person(author)
    if recent(Topic.objects.filter(author=author)) >= TOPICS_PER_MINUTE:
        raise ValidationError(
            "You have started several topics in the last minute. Please wait a moment.", code="rate_limited"
        )
    topic = Topic(meeting=meeting, target_kind=target.kind, target_id=target.pk, author=author, title=title, body=body)
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_edit(*, topic: Topic, by: Participant | None, title: object, body: object) -> Topic:
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    check_edit(topic.author_id, topic.created_at, by)
    if topic.is_hidden:
        raise ValidationError("This topic is hidden.", code="hidden")
    topic.title = clean_text(title, label="The title", maximum=TITLE_MAX_LENGTH)
    topic.body = clean_text(body, label="The text", maximum=BODY_MAX_LENGTH)
    topic.edited_at = timezone.now()
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def reply_create(*, topic: Topic, by: Participant | None, body: object) -> Reply:
    author = check_member(by, topic.meeting_id, "reply")
    body = clean_text(body, label="Your reply", maximum=BODY_MAX_LENGTH)
    lock_person(author)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    _check_topic_open(topic)
    if recent(Reply.objects.filter(author=author)) >= REPLIES_PER_MINUTE:
        raise ValidationError(
            "You have replied several times in the last minute. Please wait a moment.", code="rate_limited"
        )
    reply = Reply(topic=topic, author=author, body=body)
    reply.full_clean()
    reply.save()
    Topic.objects.filter(pk=topic.pk).update(last_activity_at=reply.created_at)
    return reply


@transaction.atomic
def reply_edit(*, reply: Reply, by: Participant | None, body: object) -> Reply:
    reply = Reply.objects.select_for_update().select_related("topic").get(pk=reply.pk)
    check_edit(reply.author_id, reply.created_at, by)
    _check_topic_open(reply.topic)
    if reply.is_hidden:
        raise ValidationError("This reply is hidden.", code="hidden")
    reply.body = clean_text(body, label="Your reply", maximum=BODY_MAX_LENGTH)
    reply.edited_at = timezone.now()
    reply.full_clean()
    reply.save()
    return reply


@transaction.atomic
def topic_moderate(
    *, topic: Topic, by: Participant | None, hidden: bool | None = None, locked: bool | None = None
) -> Topic:
    if not selectors.can_moderate_topic(by, topic):
        raise PermissionDenied("Only the meeting's organisers can hide or lock topics.")
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if hidden is not None:
        topic.is_hidden = hidden
    if locked is not None:
        topic.is_locked = locked
    topic.save(update_fields=["is_hidden", "is_locked"])
    return topic


@transaction.atomic
def reply_set_hidden(*, reply: Reply, by: Participant | None, hidden: bool) -> Reply:
    if not selectors.can_moderate_topic(by, reply.topic):
        raise PermissionDenied("Only the meeting's organisers can hide replies.")
    Reply.objects.filter(pk=reply.pk).update(is_hidden=hidden)
    reply.is_hidden = hidden
    return reply
