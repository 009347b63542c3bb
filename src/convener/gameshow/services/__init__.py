"""The game show's writes: set-up (setup.py) and running a show (play.py)."""

from convener.gameshow.services.play import (
    answer,
    breakout_end,
    breakout_start,
    judge,
    poll_close,
    poll_open,
    reveal,
    round_set_team,
    round_start,
    undo,
)
from convener.gameshow.services.setup import (
    leaderboard_set,
    member_set,
    presence_mark,
    question_set,
    show_import,
    team_draw,
)

__all__ = [
    "answer",
    "breakout_end",
    "breakout_start",
    "judge",
    "leaderboard_set",
    "member_set",
    "poll_close",
    "poll_open",
    "presence_mark",
    "question_set",
    "reveal",
    "round_set_team",
    "round_start",
    "show_import",
    "team_draw",
    "undo",
]
