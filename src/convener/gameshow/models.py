"""A game show: nodes' teams against the helpdesk, round by round, with a graded audience poll in each round.

The database is the whole state of a show: which round is on, its phase, the breakout's end, the poll's
state, every ballot and every judgement (an undone judgement is kept, marked undone). A host who reloads,
or a worker that restarts, reads it back from here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from convener.core.text import validate_single_line

OPTIONS_MAX = 10
ROUNDS_MAX = 50
TEAMS_MAX = 10


class Grade(models.TextChoices):
    BEST = "best", "Best"
    ALTERNATIVE = "alternative", "Alternative"
    DISCOURAGED = "discouraged", "Discouraged"
    WRONG = "wrong", "Wrong"


# The audience leaderboard's points per choice made, by grade.
GRADE_POINTS = {Grade.BEST: 3, Grade.ALTERNATIVE: 2, Grade.DISCOURAGED: 1, Grade.WRONG: 0}


class Show(models.Model):
    """The game show of one session of kind game show."""

    session = models.OneToOneField("program.Session", on_delete=models.CASCADE, related_name="game_show")
    title = models.CharField(max_length=200, validators=[validate_single_line])
    current_round = models.ForeignKey(
        "Round", on_delete=models.SET_NULL, null=True, blank=True, related_name="current_of"
    )
    leaderboard = models.BooleanField(default=False, help_text="Show the audience leaderboard (off by default).")
    leaderboard_names = models.BooleanField(default=False, help_text="Names on the leaderboard, else handles.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title


class Team(models.Model):
    """A team of node participants, or the helpdesk (one per show)."""

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=100, validators=[validate_single_line])
    is_helpdesk = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)
    members = models.ManyToManyField("people.Participant", through="TeamMember", related_name="game_teams")

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["show", "name"], name="gameshow_team_name_once"),
            models.UniqueConstraint(fields=["show"], condition=Q(is_helpdesk=True), name="gameshow_one_helpdesk"),
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="game_memberships")
    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="memberships")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["show", "participant"], name="gameshow_one_team_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} in {self.team}"


class Round(models.Model):
    class Phase(models.TextChoices):
        WAITING = "waiting", "Not started"
        ASKED = "asked", "Question asked"
        BREAKOUT = "breakout", "Team in its breakout room"
        PRESENTING = "presenting", "Team presenting"
        JUDGED = "judged", "Judged"
        REVEALED = "revealed", "Revealed"

    class PollState(models.TextChoices):
        READY = "ready", "Not opened"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    main = models.TextField(help_text="The main question (Markdown).")
    answer = models.TextField(blank=True, help_text="The suggested answer (Markdown).")
    notes = models.TextField(blank=True, help_text="Notes shown with the answer (Markdown).")
    minutes = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Breakout time in minutes.")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="turns")
    phase = models.CharField(max_length=12, choices=Phase.choices, default=Phase.WAITING)
    started_at = models.DateTimeField(null=True, blank=True)
    breakout_ends_at = models.DateTimeField(null=True, blank=True)
    room_token = models.CharField(max_length=24, blank=True, help_text="Makes the breakout room's name unguessable.")
    revealed_at = models.DateTimeField(null=True, blank=True)
    poll_question = models.CharField(max_length=300, blank=True)
    poll_multiple = models.BooleanField(default=False)
    poll_state = models.CharField(max_length=8, choices=PollState.choices, default=PollState.READY)

    class Meta:
        ordering = ["show", "number"]
        constraints = [models.UniqueConstraint(fields=["show", "number"], name="gameshow_round_number_once")]

    def __str__(self) -> str:
        return f"Round {self.number}"

    @property
    def has_poll(self) -> bool:
        return bool(self.poll_question)


class Option(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    grade = models.CharField(max_length=12, choices=Grade.choices)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def points(self) -> int:
        return GRADE_POINTS[Grade(self.grade)]


class Ballot(models.Model):
    """One person's answer to one round's poll: once, final."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="game_ballots")
    options = models.ManyToManyField(Option, related_name="ballots")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "participant"], name="gameshow_one_ballot")]

    def __str__(self) -> str:
        return f"{self.participant} in {self.round}"


class Judgement(models.Model):
    """The host's verdict on a round: the point goes to the team on turn, or to the helpdesk. Undo keeps the row."""

    class Verdict(models.TextChoices):
        NODES = "nodes", "Correct: the nodes' point"
        HELPDESK = "helpdesk", "Wrong or missing: the helpdesk's point"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="judgements")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="points")
    points = models.PositiveSmallIntegerField(default=1)
    judged_by = models.ForeignKey(
        "people.Participant", on_delete=models.SET_NULL, null=True, related_name="game_judgements"
    )
    judged_at = models.DateTimeField()
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        "people.Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="game_undos"
    )

    class Meta:
        ordering = ["judged_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round"], condition=Q(undone_at__isnull=True), name="gameshow_one_live_judgement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.get_verdict_display()}"

    def clean(self) -> None:
        if self.team_id and self.round_id and self.team.show_id != self.round.show_id:
            raise ValidationError({"team": "That team plays in another show."})


class Presence(models.Model):
    """Someone who has opened the show's page or socket: the people teams are drawn from."""

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="presences")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="game_presences")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["show", "participant"], name="gameshow_presence_once")]

    def __str__(self) -> str:
        return f"{self.participant} at {self.show}"


class Draw(models.Model):
    """One person drawn into a team: the history that keeps draws fair (nobody twice before everyone once)."""

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="draws")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="game_draws")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="draws")
    drawn_at = models.DateTimeField()
    drawn_by = models.ForeignKey(
        "people.Participant", on_delete=models.SET_NULL, null=True, related_name="game_draws_made"
    )

    class Meta:
        ordering = ["drawn_at", "pk"]

    def __str__(self) -> str:
        return f"{self.participant} drawn into {self.team}"
