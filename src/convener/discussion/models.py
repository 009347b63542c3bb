"""Discussion before and during sessions: forum topics and replies, the live Q&A queue, live polls.

Counts that many people change at once (a question's votes) are kept with F() updates beside
one row per vote, so the number shown is always the number of rows.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

QUESTION_MAX_LENGTH = 500
TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10_000
POLL_CHOICES_MAX = 10


class Topic(models.Model):
    """A forum thread about a theme, a session or a presentation (a generic target, see targets.py)."""

    class Kind(models.TextChoices):
        THEME = "theme", "Theme"
        SESSION = "session", "Session"
        PRESENTATION = "presentation", "Presentation"

    meeting = models.ForeignKey("program.Meeting", on_delete=models.CASCADE, related_name="topics")
    target_kind = models.CharField(max_length=20, choices=Kind.choices)
    target_id = models.PositiveBigIntegerField()
    author = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    body = models.TextField(max_length=BODY_MAX_LENGTH, help_text="Markdown.")
    is_hidden = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [models.Index(fields=["meeting", "target_kind", "target_id"])]

    def __str__(self) -> str:
        return self.title


class Reply(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(max_length=BODY_MAX_LENGTH, help_text="Markdown.")
    is_hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "replies"

    def __str__(self) -> str:
        return f"Reply {self.pk} to {self.topic_id}"


class LiveQA(models.Model):
    """The live Q&A of one session: open (accepting questions, votes, poll answers) or closed."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    session = models.OneToOneField("program.Session", on_delete=models.CASCADE, related_name="live_qa")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "live Q&A"
        verbose_name_plural = "live Q&As"

    def __str__(self) -> str:
        return f"Q&A of {self.session}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "In the queue"
        ANSWERING = "answering", "Now answering"
        ANSWERED = "answered", "Answered"
        HIDDEN = "hidden", "Hidden"

    session = models.ForeignKey("program.Session", on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(max_length=QUESTION_MAX_LENGTH)
    anonymous = models.BooleanField(default=False, help_text="Shown as anonymous to participants, never to moderators.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    votes = models.PositiveIntegerField(default=0)
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promoted_questions",
        help_text="The forum topic this question was promoted from.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-votes", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(status="answering"),
                name="one_question_answering_per_session",
            ),
            models.CheckConstraint(condition=Q(votes__gte=0), name="question_votes_not_negative"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def rank(self) -> int:
        """Its place group in a list: now answering, awaiting moderation, queued, answered, hidden."""
        return QUESTION_RANK.get(self.status, 9)

    @property
    def is_visible(self) -> bool:
        """Seen by every participant (not only the author and the moderators)."""
        return self.status in VISIBLE_STATUSES


QUESTION_RANK = {"answering": 0, "pending": 1, "approved": 2, "answered": 3, "hidden": 4}
VISIBLE_STATUSES = frozenset({Question.Status.APPROVED, Question.Status.ANSWERING, Question.Status.ANSWERED})


class Vote(models.Model):
    """One upvote of one participant on one question; a vote is final."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="vote_set")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="question_votes")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "participant"], name="one_vote_per_question_and_person"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} ▲ {self.question_id}"


class LivePoll(models.Model):
    """A poll put to the audience during a session (not an availability poll: see scheduling)."""

    class Kind(models.TextChoices):
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    session = models.ForeignKey("program.Session", on_delete=models.CASCADE, related_name="live_polls")
    question = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey("people.Participant", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.question


class LivePollChoice(models.Model):
    poll = models.ForeignKey(LivePoll, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class LivePollBallot(models.Model):
    """One participant's answer to one poll (the choices are LivePollAnswer rows); it may change while open."""

    poll = models.ForeignKey(LivePoll, on_delete=models.CASCADE, related_name="ballots")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="live_poll_ballots")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "participant"], name="one_ballot_per_poll_and_person"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} → poll {self.poll_id}"


class LivePollAnswer(models.Model):
    ballot = models.ForeignKey(LivePollBallot, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(LivePollChoice, on_delete=models.CASCADE, related_name="answers")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "choice"], name="one_answer_per_ballot_and_choice"),
        ]

    def __str__(self) -> str:
        return f"ballot {self.ballot_id}: choice {self.choice_id}"
