"""Running a show through its services: the host's actions in order, answers once, judgements with who and
when, undo, and the score always equal to the judgements that stand."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from convener.gameshow import questionset, selectors, services
from convener.gameshow.models import Ballot, Judgement, Round, Show
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def points(show) -> dict[str, int]:
    return {s.team.name: s.points for s in selectors.scoreboard(show)}


def test_import_makes_teams_rounds_and_graded_options(show):
    assert show.title.startswith("GBIF.org functionality")
    assert [(t.name, t.is_helpdesk) for t in show.teams.all()] == [("Nodes", False), ("Helpdesk", True)]
    assert show.rounds.count() == 10
    first = show.rounds.get(number=1)
    assert first.minutes == 4 and not first.poll_multiple
    assert [o.grade for o in first.options.all()] == ["best", "discouraged", "wrong", "alternative"]
    assert show.rounds.filter(poll_multiple=True).count() == 3
    assert not show.leaderboard


def test_export_gives_back_what_was_imported(show, question_text):
    assert services.question_set(show) == questionset.parse(question_text)


def test_a_bad_file_imports_nothing_and_keeps_the_old_show(show, game, personas, question_text):
    bad = question_text.replace("grade: best", "grade: top", 1)
    with pytest.raises(ValidationError) as caught:
        services.show_import(session=game, by=personas.facilitator, text=bad)
    assert "line 13, rounds[1].poll.options[1].grade" in caught.value.messages[0]
    assert Show.objects.get(session=game).pk == show.pk and show.rounds.count() == 10


def test_only_hosts_import_and_only_into_a_game_show_session(game, personas, question_text):
    for who in (personas.participant, personas.guest, None):
        with pytest.raises(PermissionDenied):
            services.show_import(session=game, by=who, text=question_text)
    plenary = SessionFactory(meeting=personas.meeting)
    with pytest.raises(ValidationError, match="game show"):
        services.show_import(session=plenary, by=personas.organiser, text=question_text)
    assert not Show.objects.exists()


def test_a_started_show_is_not_replaced(show, game, personas, question_text):
    services.round_start(show=show, by=personas.facilitator)
    with pytest.raises(ValidationError, match="has started"):
        services.show_import(session=game, by=personas.organiser, text=question_text)
    assert Show.objects.get(session=game).pk == show.pk


def test_a_round_from_start_to_reveal(show, personas, players):
    host = personas.facilitator
    people = players(3)
    round_ = services.round_start(show=show, by=host)
    assert round_.number == 1 and round_.phase == Round.Phase.ASKED and round_.started_at is not None
    assert round_.team.name == "Nodes"
    round_ = services.breakout_start(show=show, by=host)
    assert round_.phase == Round.Phase.BREAKOUT
    assert round_.breakout_ends_at - round_.started_at >= timedelta(minutes=4)
    assert len(round_.room_token) == 12
    services.poll_open(show=show, by=host)
    best, discouraged, wrong, alternative = round_.options.all()
    services.answer(show=show, by=people[0], round_id=round_.pk, option_ids=[str(best.pk)])
    services.answer(show=show, by=people[1], round_id=round_.pk, option_ids=[best.pk])
    services.answer(show=show, by=people[2], round_id=round_.pk, option_ids=[wrong.pk])
    services.breakout_end(show=show, by=host)
    judgement = services.judge(show=show, by=host, verdict="nodes")
    assert judgement.team.name == "Nodes" and judgement.judged_by == host and judgement.judged_at is not None
    assert points(show) == {"Nodes": 1, "Helpdesk": 0}
    round_ = services.reveal(show=show, by=host)
    assert round_.phase == Round.Phase.REVEALED and round_.poll_state == Round.PollState.CLOSED
    result = selectors.poll_result(round_)
    assert result.voters == 3
    assert [(r.option.grade, r.count, r.percent) for r in result.options] == [
        ("best", 2, 67),
        ("discouraged", 0, 0),
        ("wrong", 1, 33),
        ("alternative", 0, 0),
    ]
    services.round_start(show=show, by=host)
    services.judge(show=show, by=host, verdict="helpdesk")
    assert points(show) == {"Nodes": 1, "Helpdesk": 1}


def test_answers_once_only_while_open_only_valid_options(show, personas, players):
    host, person = personas.facilitator, players(1)[0]
    round_ = services.round_start(show=show, by=host)
    first, second = list(round_.options.all())[:2]
    with pytest.raises(ValidationError, match="not open"):
        services.answer(show=show, by=person, round_id=round_.pk, option_ids=[first.pk])
    services.poll_open(show=show, by=host)
    for bad, message in [
        ([], "Choose an answer"),
        (["x"], "not one of the poll's options"),
        ([first.pk, second.pk], "exactly one"),
        ([999999], "not one of the poll's options"),
        ("1", "Choose an answer"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.answer(show=show, by=person, round_id=round_.pk, option_ids=bad)
    with pytest.raises(ValidationError, match="round is over"):
        services.answer(show=show, by=person, round_id=round_.pk + 1, option_ids=[first.pk])
    services.answer(show=show, by=person, round_id=round_.pk, option_ids=[first.pk])
    with pytest.raises(ValidationError, match="already answered"):
        services.answer(show=show, by=person, round_id=round_.pk, option_ids=[second.pk])
    with pytest.raises(PermissionDenied):
        services.answer(show=show, by=personas.guest, round_id=round_.pk, option_ids=[first.pk])
    services.poll_close(show=show, by=host)
    with pytest.raises(ValidationError, match="not open"):
        services.answer(show=show, by=personas.participant, round_id=round_.pk, option_ids=[first.pk])
    assert Ballot.objects.count() == 1


def test_a_multiple_choice_poll_takes_several_options(show, personas):
    host = personas.facilitator
    services.round_start(show=show, by=host)
    services.judge(show=show, by=host, verdict="nodes")
    services.reveal(show=show, by=host)
    round_ = services.round_start(show=show, by=host)  # round 2: multiple
    assert round_.poll_multiple
    services.poll_open(show=show, by=host)
    ids = list(round_.options.values_list("pk", flat=True))[:2]
    services.answer(show=show, by=personas.participant, round_id=round_.pk, option_ids=ids)
    result = selectors.poll_result(round_)
    assert result.voters == 1 and [r.count for r in result.options] == [1, 1, 0, 0]


def test_actions_out_of_order_are_refused_and_change_nothing(show, personas):
    host = personas.facilitator
    for action in (services.breakout_start, services.poll_open, services.reveal, services.undo):
        with pytest.raises(ValidationError, match="No round is on"):
            action(show=show, by=host)
    services.round_start(show=show, by=host)
    with pytest.raises(ValidationError, match="before the next one"):
        services.round_start(show=show, by=host)
    with pytest.raises(ValidationError, match="Judge the answer before"):
        services.reveal(show=show, by=host)
    with pytest.raises(ValidationError, match="No team is in"):
        services.breakout_end(show=show, by=host)
    with pytest.raises(ValidationError, match="Judge the answer"):
        services.judge(show=show, by=host, verdict="maybe")
    services.judge(show=show, by=host, verdict="helpdesk")
    with pytest.raises(ValidationError, match="already judged"):
        services.judge(show=show, by=host, verdict="nodes")
    with pytest.raises(ValidationError, match="before judging"):
        services.breakout_start(show=show, by=host)
    assert Judgement.objects.count() == 1 and points(show) == {"Nodes": 0, "Helpdesk": 1}


def test_only_hosts_run_the_show(show, personas):
    for who in (personas.participant, personas.guest, None):
        with pytest.raises(PermissionDenied):
            services.round_start(show=show, by=who)
    services.round_start(show=show, by=personas.organiser)  # organisers host every show
    with pytest.raises(PermissionDenied):
        services.judge(show=show, by=personas.participant, verdict="nodes")


def test_undo_takes_back_the_last_judgement_and_keeps_it_in_the_history(show, personas):
    host = personas.facilitator
    services.round_start(show=show, by=host)
    services.judge(show=show, by=host, verdict="helpdesk")
    undone = services.undo(show=show, by=personas.organiser)
    assert undone.undone_at is not None and undone.undone_by == personas.organiser
    assert points(show) == {"Nodes": 0, "Helpdesk": 0}
    assert Round.objects.get(number=1, show=show).phase == Round.Phase.PRESENTING
    services.judge(show=show, by=host, verdict="nodes")
    assert points(show) == {"Nodes": 1, "Helpdesk": 0}
    assert Judgement.objects.filter(round__show=show).count() == 2
    services.reveal(show=show, by=host)
    services.round_start(show=show, by=host)
    with pytest.raises(ValidationError, match="round that is on"):
        services.undo(show=show, by=host)
    assert points(show) == {"Nodes": 1, "Helpdesk": 0}


def test_the_team_on_turn_rotates_and_the_host_can_choose(game, personas):
    text = "title: T\nteams: [North, South, Helpdesk]\nrounds: [{main: a}, {main: b}, {main: c}]\n"
    show = services.show_import(session=game, by=personas.organiser, text=text)
    host = personas.organiser
    north, south, helpdesk = show.teams.all()
    assert services.round_start(show=show, by=host).team == north
    with pytest.raises(ValidationError, match="team of nodes"):
        services.round_set_team(show=show, by=host, team_id=helpdesk.pk)
    assert services.round_set_team(show=show, by=host, team_id=south.pk).team == south
    assert services.judge(show=show, by=host, verdict="nodes").team == south
    services.reveal(show=show, by=host)
    assert services.round_start(show=show, by=host).team == south  # round 2: the rotation's second team
    services.judge(show=show, by=host, verdict="nodes")
    services.reveal(show=show, by=host)
    services.round_start(show=show, by=host)
    services.judge(show=show, by=host, verdict="nodes")
    services.reveal(show=show, by=host)
    with pytest.raises(ValidationError, match="last round"):
        services.round_start(show=show, by=host)


def test_members_one_team_each(show, personas, players):
    person = players(1)[0]
    nodes, helpdesk = show.teams.all()
    services.member_set(show=show, by=personas.organiser, participant_id=person.pk, team_id=nodes.pk)
    services.member_set(show=show, by=personas.organiser, participant_id=person.pk, team_id=str(helpdesk.pk))
    assert selectors.team_of(show, person) == helpdesk
    services.member_set(show=show, by=personas.organiser, participant_id=person.pk, team_id="")
    assert selectors.team_of(show, person) is None
    for pid, tid in [("x", nodes.pk), (person.pk, "x"), (person.pk, 10**30), (10**30, nodes.pk)]:
        with pytest.raises(ValidationError):
            services.member_set(show=show, by=personas.organiser, participant_id=pid, team_id=tid)
    with pytest.raises(PermissionDenied):
        services.member_set(show=show, by=person, participant_id=person.pk, team_id=nodes.pk)


def test_leaderboard_counts_points_by_grade_per_choice_after_the_reveal(show, personas, players):
    host = personas.facilitator
    a, b = players(2)
    services.leaderboard_set(show=show, by=host, on=True, names=True)
    services.round_start(show=show, by=host)
    services.judge(show=show, by=host, verdict="nodes")
    services.reveal(show=show, by=host)
    round_ = services.round_start(show=show, by=host)  # multiple: best, alternative, wrong, discouraged
    services.poll_open(show=show, by=host)
    best, alternative, wrong, discouraged = round_.options.all()
    services.answer(show=show, by=a, round_id=round_.pk, option_ids=[best.pk, alternative.pk])
    services.answer(show=show, by=b, round_id=round_.pk, option_ids=[discouraged.pk, wrong.pk])
    assert selectors.leaderboard(show) == []  # nothing counts before the reveal
    services.judge(show=show, by=host, verdict="helpdesk")
    services.reveal(show=show, by=host)
    show = Show.objects.get(pk=show.pk)
    assert [(r.label, r.points) for r in selectors.leaderboard(show)] == [(a.name, 5), (b.name, 1)]
    services.leaderboard_set(show=show, by=host, on=True, names=False)
    labels = [r.label for r in selectors.leaderboard(Show.objects.get(pk=show.pk))]
    assert labels == [selectors.handle(show, a.pk), selectors.handle(show, b.pk)]
    assert a.name not in labels


def test_results_give_the_score_round_by_round_and_the_recording_moment(show, personas, time_machine):
    host = personas.facilitator
    start = show.session.starts_at
    time_machine.move_to(start + timedelta(minutes=2, seconds=5), tick=False)
    services.round_start(show=show, by=host)
    services.judge(show=show, by=host, verdict="nodes")
    services.reveal(show=show, by=host)
    time_machine.move_to(start + timedelta(hours=1, minutes=1), tick=False)
    services.round_start(show=show, by=host)
    services.judge(show=show, by=host, verdict="helpdesk")
    services.reveal(show=show, by=host)
    time_machine.move_to(start - timedelta(minutes=5), tick=False)  # a rehearsal before the session: no moment
    services.round_start(show=show, by=host)
    rows = selectors.results(Show.objects.select_related("session").get(pk=show.pk))
    assert [r.offset_text for r in rows[:4]] == ["0:02:05", "1:01:00", "", ""]
    assert [[s.points for s in r.scores] for r in rows[:3]] == [[1, 0], [1, 1], [1, 1]]
    assert rows[0].poll.voters == 0 and rows[0].judgement.verdict == "nodes"
