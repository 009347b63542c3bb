"""The game show's API: participants read (answers and grades once revealed), hosts run it, members answer once."""

from __future__ import annotations

import json

import pytest

from convener.gameshow.models import Ballot, Judgement, Round

pytestmark = pytest.mark.django_db


def base(game):
    return f"/api/meetings/{game.meeting.slug}/sessions/{game.pk}/gameshow"


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_a_round_through_the_api(game, show, personas):
    host = personas.client_for(personas.facilitator)
    player = personas.client_for(personas.participant)
    assert player.get(base(game)).json()["current_round"] is None
    response = post(host, base(game) + "/actions", {"action": "start"})
    assert response.status_code == 200
    current = response.json()["current_round"]
    assert current["number"] == 1 and current["answer"].startswith("Occurrence search")
    assert all(o["grade"] for o in current["poll"]["options"])
    seen = player.get(base(game)).json()["current_round"]
    assert seen["answer"] is None and all(o["grade"] is None and o["count"] is None for o in seen["poll"]["options"])
    assert post(host, base(game) + "/actions", {"action": "open", "round_id": current["id"]}).status_code == 200
    option = seen["poll"]["options"][0]["id"]
    answered = post(player, base(game) + "/answers", {"round_id": current["id"], "option_ids": [option]})
    assert answered.status_code == 201 and answered.json()["option_ids"] == [option]
    again = post(player, base(game) + "/answers", {"round_id": current["id"], "option_ids": [option]})
    assert again.status_code == 422 and "already answered" in again.json()["detail"][0]
    post(host, base(game) + "/actions", {"action": "helpdesk"})
    post(host, base(game) + "/actions", {"action": "undo"})
    post(host, base(game) + "/actions", {"action": "nodes"})
    revealed = post(host, base(game) + "/actions", {"action": "reveal"}).json()["current_round"]
    assert revealed["phase"] == "revealed"
    seen = player.get(base(game)).json()
    assert [t["points"] for t in seen["teams"]] == [1, 0]
    assert seen["current_round"]["poll"]["options"][0] == {
        "id": option,
        "text": "The Metrics tab of an occurrence search",
        "grade": "best",
        "count": 1,
    }
    history = player.get(base(game) + "/scores").json()["judgements"]
    assert [(j["verdict"], j["undone_at"] is not None, j["judged_by"]) for j in history] == [
        ("helpdesk", True, "Fatou Facilitator"),
        ("nodes", False, "Fatou Facilitator"),
    ]
    assert [r["number"] for r in player.get(base(game) + "/rounds").json()] == [1]
    assert len(host.get(base(game) + "/rounds").json()) == 10


def test_refusals(game, show, personas):
    host = personas.client_for(personas.facilitator)
    player = personas.client_for(personas.participant)
    assert post(player, base(game) + "/actions", {"action": "start"}).status_code == 403
    assert personas.client_for(personas.stranger).get(base(game)).status_code == 403
    assert personas.client_for(None).get(base(game)).status_code == 401
    assert post(host, base(game) + "/actions", {"action": "explode"}).status_code == 422
    assert post(host, base(game) + "/actions", {"action": "reveal"}).status_code == 422
    assert post(host, base(game) + "/actions", {"action": "start", "round_id": 12345}).status_code == 409
    assert post(host, base(game) + "/actions", {"action": "start", "extra": 1}).status_code == 422
    post(host, base(game) + "/actions", {"action": "start"})
    round_id = Round.objects.get(show=show, number=1).pk
    closed = post(player, base(game) + "/answers", {"round_id": round_id, "option_ids": [1]})
    assert closed.status_code == 422
    guest = post(
        personas.client_for(personas.guest), base(game) + "/answers", {"round_id": round_id, "option_ids": [1]}
    )
    assert guest.status_code == 403
    other = game.meeting.sessions.create(
        kind="plenary", title="Plenary", starts_at=game.starts_at, ends_at=game.ends_at
    )
    assert host.get(f"/api/meetings/{game.meeting.slug}/sessions/{other.pk}/gameshow").status_code == 404
    assert not Ballot.objects.exists() and not Judgement.objects.exists()
