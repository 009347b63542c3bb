"""The game show's pages: a ten-round show from import to results through the pages only; who may see what;
bad input answered next to the field, nothing changed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from convener.gameshow import selectors
from convener.gameshow.models import Ballot, Judgement, Round, Show

pytestmark = pytest.mark.django_db


def url(name, session, **query):
    base = reverse(f"gameshow:{name}", kwargs={"slug": session.meeting.slug, "pk": session.pk})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def upload(client, session, text, name="set.yaml"):
    return client.post(url("import", session), {"file": SimpleUploadedFile(name, text.encode())})


def act(client, session, action, **extra):
    show = Show.objects.get(session=session)
    data = {"action": action, "round": show.current_round_id or "", **extra}
    return client.post(url("act", session), data, HTTP_HX_REQUEST="true")


def test_ten_rounds_from_import_to_results_through_the_pages(game, personas, players, question_text):
    host = personas.client_for(personas.facilitator)
    response = upload(host, game, question_text)
    assert response.status_code == 302
    people = [personas.client_for(p) for p in players(3)]
    for page in ("play", "screen", "results"):
        assert people[0].get(url(page, game)).status_code == 200
    page = host.get(url("host", game))
    assert "Start the first round" in page.content.decode()
    verdicts = ["nodes", "helpdesk", "nodes", "nodes", "helpdesk", "nodes", "helpdesk", "nodes", "nodes", "helpdesk"]
    for number, verdict in enumerate(verdicts, start=1):
        assert act(host, game, "start").status_code == 200
        show = Show.objects.get(session=game)
        round_ = Round.objects.get(pk=show.current_round_id)
        assert round_.number == number
        assert act(host, game, "breakout").status_code == 200
        assert act(host, game, "open").status_code == 200
        phone = people[0].get(url("play", game)).content.decode()
        assert "Send my answer" in phone and escape(round_.poll_question) in phone
        options = list(round_.options.values_list("pk", flat=True))
        for i, client in enumerate(people):
            chosen = options[: 2 if round_.poll_multiple and i == 0 else 1]
            response = client.post(url("answer", game), {"round": round_.pk, "option": chosen}, HTTP_HX_REQUEST="true")
            assert response.status_code == 200 and "Your answer is counted" in response.content.decode()
        assert act(host, game, "back").status_code == 200
        assert act(host, game, "close").status_code == 200
        assert act(host, game, verdict).status_code == 200
        html = act(host, game, "reveal").content.decode()
        assert "Suggested answer" in html and "Best" in html
        screen = people[1].get(url("screen", game)).content.decode()
        assert "Suggested answer" in screen and '<span class="voter-count">3</span> people have answered' in screen
    assert "The show is over" in host.get(url("host", game)).content.decode()
    assert Ballot.objects.count() == 30 and Judgement.objects.count() == 10
    results = people[2].get(url("results", game)).content.decode()
    assert "Round 10" in results
    show = Show.objects.get(session=game)
    scores = {s.team.name: s.points for s in selectors.scoreboard(show)}
    assert scores == {"Nodes": 6, "Helpdesk": 4}
    assert results.count('class="grade"') >= 36  # every option of every poll, with its grade
    assert '<span class="points" data-team="{}">6</span>'.format(show.teams.get(name="Nodes").pk) in results


def test_a_host_who_reloads_mid_round_sees_the_judged_points(game, personas, question_text):
    host = personas.client_for(personas.facilitator)
    upload(host, game, question_text)
    act(host, game, "start")
    act(host, game, "helpdesk")
    act(host, game, "reveal")
    act(host, game, "start")
    act(host, game, "breakout")
    page = host.get(url("host", game)).content.decode()  # the reload
    show = Show.objects.get(session=game)
    helpdesk = show.teams.get(is_helpdesk=True)
    assert f'<span class="points" data-team="{helpdesk.pk}">1</span>' in page
    assert "Round 2 of 10: Team in its breakout room" in page and "The team is back" in page
    assert "data-ends-at=" in page and "gameshow-2-" in page  # the countdown and the team's room


def test_import_errors_are_shown_next_to_the_field_and_nothing_is_imported(game, personas, question_text):
    host = personas.client_for(personas.organiser)
    response = upload(host, game, question_text.replace("minutes: 4", "minutes: soon"))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="gs-file-errors"' in html and "line 8, rounds[1].minutes" in html
    assert not Show.objects.exists()
    for data in ({}, {"file": SimpleUploadedFile("x.yaml", b"\xff\xfe\x00bad")}):
        response = host.post(url("import", game), data)
        assert response.status_code == 400 and not Show.objects.exists()


def test_who_may_see_and_do_what(game, personas, question_text):
    upload(personas.client_for(personas.organiser), game, question_text)
    for who in (personas.participant, personas.guest):
        client = personas.client_for(who)
        assert client.get(url("host", game)).status_code == 403
        assert client.get(url("export", game)).status_code == 403
        assert client.get(url("play", game)).status_code == 200
        assert act(client, game, "start").status_code == 403
        assert upload(client, game, question_text).status_code == 403
    stranger = personas.client_for(personas.stranger)
    for page in ("play", "host", "screen", "results"):
        assert stranger.get(url(page, game)).status_code == 403
    assert personas.client_for(None).get(url("play", game)).status_code == 302
    assert Show.objects.get(session=game).current_round_id is None


def test_a_stale_or_unknown_action_is_refused_with_a_message(game, personas, question_text):
    host = personas.client_for(personas.facilitator)
    upload(host, game, question_text)
    act(host, game, "start")
    stale = host.post(url("act", game), {"action": "nodes", "round": ""}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 400 and "moved on" in stale.content.decode()
    assert stale["HX-Retarget"] == "#gs-feedback"
    unknown = act(host, game, "explode")
    assert unknown.status_code == 400 and "Unknown action" in unknown.content.decode()
    early = act(host, game, "reveal")
    assert early.status_code == 400 and "Judge the answer before the reveal" in early.content.decode()
    without_htmx = host.post(url("act", game), {"action": "reveal", "round": Show.objects.get().current_round_id})
    assert without_htmx.status_code == 302
    assert "Judge the answer before the reveal" in host.get(url("host", game)).content.decode()
    assert not Judgement.objects.exists()


def test_a_participant_answering_twice_or_junk_gets_a_message(game, personas, question_text):
    host = personas.client_for(personas.facilitator)
    upload(host, game, question_text)
    act(host, game, "start")
    act(host, game, "open")
    round_ = Round.objects.get(pk=Show.objects.get().current_round_id)
    option = round_.options.first()
    player = personas.client_for(personas.participant)
    ok = player.post(url("answer", game), {"round": round_.pk, "option": option.pk}, HTTP_HX_REQUEST="true")
    assert ok.status_code == 200
    again = player.post(url("answer", game), {"round": round_.pk, "option": option.pk}, HTTP_HX_REQUEST="true")
    assert again.status_code == 400 and "already answered" in again.content.decode()
    junk = player.post(url("answer", game), {"round": "x", "option": "y"}, HTTP_HX_REQUEST="true")
    assert junk.status_code == 400
    page = player.get(url("play", game)).content.decode()
    assert f"Your answer is counted: {escape(option.text)}. The grades" in page
    assert Ballot.objects.count() == 1


def test_export_downloads_the_question_set_that_imports_again(game, personas, question_text):
    host = personas.client_for(personas.facilitator)
    upload(host, game, question_text)
    yaml_text = host.get(url("export", game)).content.decode()
    json_response = host.get(url("export", game, format="json"))
    assert json_response["Content-Type"] == "application/json"
    assert upload(host, game, yaml_text).status_code == 302
    assert upload(host, game, json_response.content.decode(), name="set.json").status_code == 302
    assert Show.objects.get().rounds.count() == 10


def test_teams_and_leaderboard_forms(game, personas, players, question_text):
    host = personas.client_for(personas.facilitator)
    upload(host, game, question_text)
    person = players(1)[0]
    nodes = Show.objects.get().teams.get(name="Nodes")
    response = host.post(url("member", game), {"person": person.pk, "team": nodes.pk})
    assert response.status_code == 302
    assert person.name in host.get(url("host", game)).content.decode()
    assert host.post(url("member", game), {"person": "junk", "team": nodes.pk}).status_code == 302
    assert host.post(url("leaderboard", game), {"on": "1"}).status_code == 302
    assert Show.objects.get().leaderboard and not Show.objects.get().leaderboard_names
    page = personas.client_for(person).get(url("play", game)).content.decode()
    assert "You play in <strong>Nodes</strong>" in page


def test_the_big_screen_has_no_site_chrome(game, personas, question_text):
    upload(personas.client_for(personas.facilitator), game, question_text)
    html = personas.client_for(personas.participant).get(url("screen", game)).content.decode()
    assert 'class="site"' not in html and 'ws-connect="/ws/gameshow/' in html and "?view=screen" in html
    assert "<script>" not in html and "style=" not in html


GAME_JUNK = [
    {},
    {"action": "start", "round": ""},
    {"action": "nodes", "round": "99999999999999999999999"},
    {"action": ["team", "x"], "round": "-1", "team": "\x00", "option": ["1", "x"], "person": "1e9", "on": "2"},
    {"file": "not a file", "round": "1", "option": "99999999999999999999999999"},
]


@pytest.mark.parametrize("who", ["organiser", "facilitator", "participant", "guest", "stranger", None])
def test_no_game_show_route_answers_500(game, personas, question_text, who):
    client = personas.client_for(getattr(personas, who) if who else None)
    names = ["play", "host", "screen", "results", "export", "import", "act", "member", "draw", "leaderboard", "answer"]
    for stage in ("before", "after import", "mid round"):
        if stage == "after import":
            upload(personas.client_for(personas.organiser), game, question_text)
        if stage == "mid round":
            act(personas.client_for(personas.organiser), game, "start")
            act(personas.client_for(personas.organiser), game, "open")
        for name in names:
            for data in GAME_JUNK:
                for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
                    response = client.post(url(name, game), data, **headers)
                    assert response.status_code < 500, (name, data, response.status_code)
            assert client.get(url(name, game)).status_code < 500


def test_the_host_draws_a_team_from_the_people_who_opened_the_page(game, personas, players, question_text):
    host = personas.client_for(personas.facilitator)
    upload(host, game, question_text)
    people = players(4)
    for person in people[:3]:
        personas.client_for(person).get(url("play", game))
    assert "From the 3 people who have opened" in host.get(url("host", game)).content.decode()
    nodes = Show.objects.get().teams.get(name="Nodes")
    response = host.post(url("draw", game), {"team": nodes.pk, "size": "2"}, follow=True)
    html = response.content.decode()
    assert "Drawn: " in html
    members = {m.participant_id for m in Show.objects.get().memberships.all()}
    assert len(members) == 2 and members <= {p.pk for p in people[:3]}
    response = host.post(url("draw", game), {"team": nodes.pk, "size": "-1"}, follow=True)
    assert "Draw 1 to 20 people." in response.content.decode()
