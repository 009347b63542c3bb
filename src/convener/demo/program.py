"""The program of the demo: themes, panels on pre-recorded talks, live Q&As, networking, demos, regional sessions."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from random import Random

from convener.demo.base import (
    ICEBREAKER_TITLE,
    JOIN_LINK_PREFIX,
    ORGANISER_EMAIL,
    RECORDING_URL,
    THEME3_TITLE,
    Steps,
    at,
)
from convener.demo.network import REGIONS, SECRETARIAT, Person
from convener.demo.texts import (
    CONTRIBUTE_BY,
    DEMO_FORMAT,
    DEMO_GOAL,
    DEMO_GROUPS,
    EVALUATION_GOAL,
    PANEL_FORMAT,
    PANEL_GOAL,
    PREPARE_FROM,
    PRESENTATIONS,
    QA_FORMAT,
    QA_GOAL,
    REGIONAL_FORMAT,
    REGIONAL_GOAL,
)
from convener.people.models import Participant, Region
from convener.program import services
from convener.program.models import Meeting, Session, SessionRole, Theme

Role = Participant.Role


REGION_ZONES = {spec.name: spec.main_zone for spec in REGIONS}

# Regional sessions, planned in the region's main zone: (region, day, hour, minute).
REGIONAL_TIMES = {
    "Asia": (26, 9, 30),  # 04:00 UTC Fri
    "Africa": (26, 11, 0),  # 10:00 UTC Fri
    "Europe and Central Asia": (29, 11, 0),  # 09:00 UTC Mon
    "Latin America and the Caribbean": (29, 12, 30),  # 15:30 UTC Mon
    "North America": (30, 13, 0),  # 17:00 UTC Tue
    "Oceania": (30, 11, 0),  # 00:00 UTC Tue
}


def _bullets(items: list[tuple[str, Participant]]) -> str:
    return "\n".join(f"- {title} — {p.name} ({p.node.name})" for title, p in items)


def build_program(
    meeting: Meeting,
    themes: list[Theme],
    regions: dict[str, Region],
    people: list[Person],
    by_email: dict[str, Participant],
    rng: Random,
    step: Steps,
) -> None:
    staff = [by_email[p.email] for p in people if p.node == SECRETARIAT.name]
    lead, chair, producer, host_facilitator, game_host, helpdesk, _, _ = staff
    presenters = [by_email[p.email] for p in people if p.role == Role.PRESENTER]
    rng.shuffle(presenters)
    obis = next(p for p in presenters if p.node.name == "Ocean Biodiversity Information System")
    node_presenters = [p for p in presenters if p is not obis and p is not helpdesk]
    reps = {
        by_email[p.email].node.region.name: by_email[p.email]
        for p in people
        if p.role == Role.FACILITATOR and p.node != SECRETARIAT.name
    }
    for name, rep in reps.items():
        rep.represents = regions[name]
    Participant.objects.bulk_update(reps.values(), ["represents"])
    F, M = SessionRole.Role.FACILITATOR, SessionRole.Role.MODERATOR
    K = Session.Kind
    turn = iter(range(10_000))

    talks: dict[str, Participant] = {PRESENTATIONS[0][0]: lead}  # who gives each pre-recorded talk

    def speakers(titles: list[str]) -> str:
        pairs = [(t, node_presenters[next(turn) % len(node_presenters)]) for t in titles]
        talks.update(pairs)
        return _bullets(pairs)

    def add(
        kind: str,
        title: str,
        starts_at: datetime,
        minutes: int,
        people_roles: list[tuple[Participant, str]],
        **fields: object,
    ) -> Session:
        session = services.session_create(
            meeting=meeting,
            people=people_roles,
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            join_link=JOIN_LINK_PREFIX + secrets.token_urlsafe(12),
            **fields,
        )
        step(title)
        return session

    # Thursday 25 March (CET, UTC+1)
    add(
        K.PLENARY,
        "Opening plenary: welcome to the Global Nodes Meeting",
        at(25, 13),
        45,
        [(lead, F), (chair, M)],
        goal="To welcome everyone, introduce the week's program and explain how the sessions, "
        "recordings and forum discussions fit together.",
        format="A 45-minute plenary with welcomes from the Secretariat and the chair of the "
        "nodes committee, then a short tour of the program.",
        preparation="Read the program and star the sessions you want on your agenda. Check "
        "that times are shown in your own time zone.",
    )
    add(
        K.ICEBREAKER,
        ICEBREAKER_TITLE,
        at(25, 14),
        60,
        [(host_facilitator, F), (producer, F)],
        goal="To encourage informal conversation between nodes so that everyone feels "
        "connected to the community, new nodes can meet other members of the network, and "
        "everyone takes an active part from the very start.",
        format="A virtual gathering to create the opportunity to mingle. A few questions "
        "stimulate discussion but keep it fairly open; nodes and Secretariat staff can "
        "drop in and out.",
        preparation="Nothing to prepare. Think of one thing your node is proud of this year.",
    )
    add(
        K.PANEL,
        "Theme 1: The role of nodes in the next strategic period — live panel",
        at(25, 15, 30),
        90,
        [(host_facilitator, M)],
        theme=themes[0],
        goal=PANEL_GOAL,
        format=PANEL_FORMAT,
        preparation="Watch the pre-recorded presentations before the live panel and post your "
        "questions on the forum:\n\n" + _bullets([(PRESENTATIONS[0][0], lead)]) + "\n" + speakers(PRESENTATIONS[0][1:]),
    )

    # Friday 26 March (CET)
    def add_regional(name: str) -> None:
        day, hour, minute = REGIONAL_TIMES[name]
        starts_at = at(day, hour, minute, REGION_ZONES[name])
        add(
            K.REGIONAL,
            f"Regional nodes session: {name}",
            starts_at,
            90,
            [(reps[name], F)],
            region=regions[name],
            goal=REGIONAL_GOAL,
            format=REGIONAL_FORMAT,
            preparation=f"The agenda is set by the regional representative, {reps[name].name} "
            f"({reps[name].node.name}), and shared with the region's nodes "
            "beforehand.",
        )

    add_regional("Asia")
    add_regional("Africa")
    add(
        K.PANEL,
        "Theme 2: Exploring future directions — live panel",
        at(26, 14),
        90,
        [(chair, M)],
        theme=themes[1],
        goal=PANEL_GOAL,
        format=PANEL_FORMAT,
        preparation="Watch the pre-recorded presentations before the live panel and post your "
        "questions on the forum:\n\n" + speakers(PRESENTATIONS[1]),
    )
    add(
        K.NETWORKING,
        "Speed dating networking activity",
        at(26, 16),
        60,
        [(host_facilitator, F), (producer, F)],
        goal="For nodes to share ideas for collaborative projects with other nodes in the network.",
        format="Rounds in breakout rooms of three or four, mixing nodes and regions so nobody "
        "meets the same person twice. A prepared question in each room prompts a "
        "discussion on possible partnerships.",
        preparation="Think of one project you would like a partner node for.",
    )

    # Monday 29 March (CEST, UTC+2)
    add_regional("Europe and Central Asia")
    add(
        K.LIVE_QA,
        THEME3_TITLE,
        at(29, 14),
        90,
        [(host_facilitator, F)],
        theme=themes[2],
        goal=QA_GOAL,
        format=QA_FORMAT,
        preparation="Watch the pre-recorded presentations before the live Q&A and post your "
        "questions on the forum:\n\n" + speakers(PRESENTATIONS[2]),
    )
    demo_sessions = []
    demo_sessions.append(
        add(
            K.DEMO,
            DEMO_GROUPS[0][0],
            at(29, 16),
            60,
            [(producer, F)],
            goal=DEMO_GOAL,
            format=DEMO_FORMAT,
            preparation="Demos:\n\n" + speakers(DEMO_GROUPS[0][1]),
        )
    )
    add_regional("Latin America and the Caribbean")

    # Tuesday 30 March (CEST)
    add_regional("Oceania")
    add(
        K.LIVE_QA,
        "Theme 4: Content and use — live Q&A",
        at(30, 14),
        90,
        [(chair, F)],
        theme=themes[3],
        goal=QA_GOAL,
        format=QA_FORMAT,
        preparation="Watch the pre-recorded presentations before the live Q&A and post your "
        "questions on the forum:\n\n" + speakers(PRESENTATIONS[3]),
    )
    demo_sessions.append(
        add(
            K.DEMO,
            DEMO_GROUPS[1][0],
            at(30, 16),
            60,
            [(producer, F)],
            goal=DEMO_GOAL,
            format=DEMO_FORMAT,
            preparation="Demos:\n\n" + speakers(DEMO_GROUPS[1][1]),
        )
    )
    add_regional("North America")

    # Wednesday 31 March (CEST)
    add(
        K.DEMO,
        DEMO_GROUPS[2][0],
        at(31, 10),
        60,
        [(host_facilitator, F)],
        goal=DEMO_GOAL,
        format=DEMO_FORMAT,
        preparation="Demos:\n\n" + speakers(DEMO_GROUPS[2][1]) + "\n\nStill have a demo or "
        "presentation you would like us to consider? Send it in through the call "
        f"for contributions before {CONTRIBUTE_BY}.",
    )
    add(
        K.THEMATIC,
        "Marine data mobilization session",
        at(31, 13),
        90,
        [(chair, M)],
        theme=themes[4],
        goal="To update the community on the collaboration with the ocean biodiversity "
        "community and discuss how nodes can work together on marine data mobilization.",
        format="A pre-recorded presentation introduces the collaboration, with examples of "
        "nodes and ocean data partners working together. The 1.5-hour live session "
        "discusses how to strengthen the collaboration and work towards common "
        "guidelines, so that marine data are published to both networks in one step.",
        preparation=f"Watch the introduction, posted from {PREPARE_FROM}:\n\n"
        + _bullets([("Marine data: working together", obis)]),
    )
    add(
        K.GAME_SHOW,
        "Portal functionality: nodes vs. helpdesk",
        at(31, 15),
        60,
        [(game_host, F)],
        goal="To demonstrate some of the lesser-known functions of the data portal through a fun, interactive session.",
        format=f"A one-hour game show in which teams of nodes battle {helpdesk.name} from the "
        "data products team to find answers with the portal's filters and metrics. "
        "Teams work in breakout rooms; the audience answers graded polls and a live "
        f"scoreboard keeps count. Game show host: {game_host.name}.",
        preparation="Sign in to the data portal before the session and join a team with the "
        "other nodes of your region.",
    )
    add(
        K.EVALUATION,
        "Evaluation: survey and open floor",
        at(31, 16, 30),
        45,
        [(host_facilitator, F), (producer, F)],
        goal=EVALUATION_GOAL,
        format="A short survey, then an open floor discussion for closing remarks.",
        preparation="Have a look back at the sessions you attended.",
    )
    add(
        K.PLENARY,
        "Closing plenary",
        at(31, 17, 15),
        30,
        [(lead, F)],
        goal="To close the meeting and look ahead to what comes next.",
        format="A 30-minute plenary: highlights of the week and next steps.",
    )

    # A session "already held": its recording is attached, so the change feed says so.
    services.session_attach_recording(session=demo_sessions[1], url=RECORDING_URL)
    step("recording")
    from convener.demo.videos import add_videos

    add_videos(
        meeting=meeting,
        organiser=by_email[ORGANISER_EMAIL],
        recording_url=RECORDING_URL,
        talks={**talks, "Marine data: working together": obis},
    )
