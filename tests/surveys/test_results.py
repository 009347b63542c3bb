"""Results and the CSV export, checked against 500 responses from 6 regions counted independently."""

from __future__ import annotations

import csv
import io
from collections import Counter
from decimal import Decimal
from statistics import fmean, median

import pytest
from django.contrib.auth import get_user_model

from convener.people.models import Node, Participant
from convener.surveys import exports, selectors, services
from tests.factories import NodeFactory, ParticipantFactory, RegionFactory
from tests.surveys.conftest import DURING, answers, build_survey

pytestmark = pytest.mark.django_db
N = 500
REGIONS = ["Africa", "Asia", "Europe", "Latin America", "North America", "Oceania"]
KINDS = ["Panels", "Demos", "Networking"]


def people(meeting, n: int = N) -> list[Participant]:
    """``n`` members spread over 6 regions, national and organisational nodes alternating."""
    nodes = {}
    for index, name in enumerate(REGIONS):
        region = RegionFactory(name=name, slug=name.lower().replace(" ", "-"), order=index)
        nodes[name, "national"] = NodeFactory(region=region, kind=Node.Kind.NATIONAL)
        nodes[name, "organisational"] = NodeFactory(region=region, kind=Node.Kind.ORGANISATIONAL)
    User = get_user_model()
    User.objects.bulk_create(User(username=f"bulk{i}", email=f"bulk{i}@example.org") for i in range(n))
    users = list(User.objects.filter(username__startswith="bulk").order_by("pk"))
    Participant.objects.bulk_create(
        Participant(
            meeting=meeting,
            user=user,
            name=f"Bulk {i}",
            calendar_token=f"bulk-token-{i}",
            node=nodes[REGIONS[i % 6], "organisational" if i % 4 == 0 else "national"],
        )
        for i, user in enumerate(users)
    )
    return list(
        Participant.objects.filter(meeting=meeting, name__startswith="Bulk ")
        .select_related("node__region")
        .order_by("pk")
    )


def plan(i: int) -> dict[str, object]:
    again = ["Yes", "Maybe", "No"][i % 3]
    return {
        "rating": str(i % 11),
        "again": again,
        "why": f"reason {i}" if again != "Yes" else "",
        "kinds": [k for j, k in enumerate(KINDS) if (i >> j) & 1],
        "likert": str(1 + i % 5),
        "sessions": "" if i % 10 == 0 else str(i % 41),
        "comment": f"word{i % 7}",
        "note": "=cmd()" if i == 7 else "",
    }


@pytest.fixture
def five_hundred(personas):
    built = build_survey(personas)
    members = people(personas.meeting)
    for i, person in enumerate(members):
        services.response_submit(survey=built.survey, participant=person, data=answers(built, **plan(i)), now=DURING)
    return built, members


def test_charts_count_500_responses_right(five_hundred):
    built, members = five_hundred
    results = selectors.survey_results(survey=built.survey)
    by_question = {r.question.pk: r for r in results.questions}
    plans = [plan(i) for i in range(N)]
    assert results.responses == N

    rating = by_question[built.rating.pk]
    assert [bar.count for bar in rating.bars] == [Counter(int(p["rating"]) for p in plans)[v] for v in range(11)]
    assert rating.mean == round(fmean(i % 11 for i in range(N)), 2)
    assert rating.median == median(i % 11 for i in range(N))
    again = by_question[built.again.pk]
    assert {bar.label: bar.count for bar in again.bars} == Counter(p["again"] for p in plans)
    kinds = by_question[built.kinds.pk]
    expected = Counter(k for p in plans for k in p["kinds"])
    assert {bar.label: bar.count for bar in kinds.bars} == {k: expected[k] for k in KINDS}
    assert kinds.answered == sum(1 for p in plans if p["kinds"])
    likert = by_question[built.likert.pk]
    assert [bar.count for bar in likert.bars] == [100] * 5
    sessions = by_question[built.sessions.pk]
    numbers = [int(p["sessions"]) for p in plans if p["sessions"]]
    assert (sessions.answered, sessions.mean, sessions.low, sessions.high) == (
        len(numbers),
        round(fmean(numbers), 2),
        min(numbers),
        max(numbers),
    )
    why = by_question[built.why.pk]
    assert why.answered == sum(1 for p in plans if p["again"] != "Yes")

    assert results.overall.eligible == N + 3 and results.overall.answered == N  # + organiser, facilitator, participant
    per_region = [(name, N // 6 + (i < N % 6)) for i, name in enumerate(REGIONS)]
    assert [(r.label, r.answered) for r in results.by_region if r.label in REGIONS] == per_region
    kinds_rate = {r.label: r.answered for r in results.by_node_kind}
    assert kinds_rate["Organisational node"] == len(range(0, N, 4))


def test_results_break_down_by_region_and_node_kind(five_hundred):
    built, _ = five_hundred
    asia = selectors.survey_results(survey=built.survey, region="Asia")
    members = [i for i in range(N) if REGIONS[i % 6] == "Asia"]
    assert asia.responses == len(members)
    rating = next(r for r in asia.questions if r.question.pk == built.rating.pk)
    assert [bar.count for bar in rating.bars] == [Counter(i % 11 for i in members)[v] for v in range(11)]
    organisational_asia = selectors.survey_results(survey=built.survey, region="Asia", node_kind="organisational")
    assert organisational_asia.responses == sum(1 for i in members if i % 4 == 0)


def test_written_answers_are_searchable(five_hundred):
    built, _ = five_hundred
    results = selectors.survey_results(survey=built.survey, search="WORD3")
    comment = next(r for r in results.questions if r.question.pk == built.comment.pk)
    assert comment.matching == sum(1 for i in range(N) if i % 7 == 3) and set(comment.texts) == {"word3"}


def test_the_csv_has_one_row_per_response_and_reads_back_to_the_same_answers(five_hundred):
    built, _ = five_hundred
    rows = list(csv.DictReader(io.StringIO(exports.survey_csv(built.survey))))
    assert len(rows) == N
    header = list(rows[0])
    assert header[:4] == ["response", "submitted", "region", "node kind"]
    assert "name" not in header and "email" not in header  # anonymous
    column = {
        q.pk: name
        for q, name in zip(
            [
                built.rating,
                built.again,
                built.why,
                built.kinds,
                built.likert,
                built.sessions,
                built.comment,
                built.note,
            ],
            header[4:],
            strict=True,
        )
    }
    got = Counter(
        (
            r["region"],
            r["node kind"],
            r[column[built.rating.pk]],
            r[column[built.again.pk]],
            r[column[built.why.pk]],
            r[column[built.kinds.pk]],
            r[column[built.likert.pk]],
            r[column[built.sessions.pk]],
            r[column[built.comment.pk]],
            r[column[built.note.pk]],
        )
        for r in rows
    )
    expected = Counter()
    for i in range(N):
        p = plan(i)
        expected[
            (
                REGIONS[i % 6],
                "Organisational node" if i % 4 == 0 else "National node",
                p["rating"],
                p["again"],
                p["why"],
                "; ".join(p["kinds"]),
                p["likert"],
                p["sessions"],
                p["comment"],
                "'=cmd()" if p["note"] else "",
            )
        ] += 1
    assert got == expected
    assert {r["submitted"] for r in rows} == {DURING.date().isoformat()}
    # The chart's counts and the CSV's agree.
    results = selectors.survey_results(survey=built.survey)
    again = next(r for r in results.questions if r.question.pk == built.again.pk)
    assert {b.label: b.count for b in again.bars} == Counter(r[column[built.again.pk]] for r in rows)


def test_an_identified_csv_names_people_and_numbers_stay_numbers(personas):
    built = build_survey(personas, anonymous=False)
    services.response_submit(
        survey=built.survey,
        participant=personas.participant,
        data=answers(built, sessions="-0", rating="10"),
        now=DURING,
    )
    rows = list(csv.reader(io.StringIO(exports.survey_csv(built.survey))))
    assert rows[0][:6] == ["response", "submitted", "name", "email", "region", "node kind"]
    assert rows[1][2:4] == ["Pablo Participant", personas.participant.user.email]
    assert rows[1][1] == DURING.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert rows[1][6] == "10"
    assert Decimal(rows[1][11]) == 0


def test_results_take_the_same_queries_for_1_and_500_responses(personas, five_hundred, django_assert_num_queries):
    built, _ = five_hundred
    small = build_survey(personas, title="Small")
    services.response_submit(survey=small.survey, participant=personas.participant, data=answers(small), now=DURING)
    with django_assert_num_queries(7):
        selectors.survey_results(survey=small.survey)
    with django_assert_num_queries(7):
        selectors.survey_results(survey=built.survey)


def test_the_anonymous_csv_does_not_single_out_small_groups(personas):
    built = build_survey(personas)
    lone = RegionFactory(name="Antarctica", slug="antarctica")
    loner = ParticipantFactory(meeting=personas.meeting, node=NodeFactory(region=lone))
    organisational = NodeFactory(region=personas.participant.node.region, kind=Node.Kind.ORGANISATIONAL)
    odd = ParticipantFactory(meeting=personas.meeting, node=organisational)
    for person in (personas.participant, personas.facilitator, personas.organiser, loner, odd):
        services.response_submit(survey=built.survey, participant=person, data=answers(built), now=DURING)
    rows = list(csv.DictReader(io.StringIO(exports.survey_csv(built.survey))))
    cells = Counter((r["region"], r["node kind"]) for r in rows)
    home = personas.participant.node.region.name
    assert cells == {(home, "National node"): 3, ("(fewer than 3)", "(fewer than 3)"): 1, (home, "(fewer than 3)"): 1}


def test_every_cell_of_the_csv_is_safe_from_formula_injection_the_email_too(personas):
    built = build_survey(personas, anonymous=False)
    evil_email = "=1+2+cmd|'/Ccalc'!A0@example.org"
    get_user_model().objects.filter(pk=personas.participant.user.pk).update(email=evil_email)
    Participant.objects.filter(pk=personas.participant.pk).update(name="@SUM(1+1)*cmd|'/Ccalc'!A0")
    services.response_submit(
        survey=built.survey,
        participant=personas.participant,
        data=answers(built, comment="+1+2", note=" -2+3+cmd|'/Ccalc'!A0", sessions="0"),
        now=DURING,
    )
    rows = list(csv.DictReader(io.StringIO(exports.survey_csv(built.survey))))
    (row,) = rows
    assert row["email"] == "'" + evil_email
    assert row["name"] == "'@SUM(1+1)*cmd|'/Ccalc'!A0"
    assert row["Q7. One word"] == "'+1+2"
    assert row["Q8. Anything else"] == "'-2+3+cmd|'/Ccalc'!A0"
    assert row["Q6. Sessions attended"] == "0"
