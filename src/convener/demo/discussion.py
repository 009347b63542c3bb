"""The demo meeting's discussion: forum threads before the Q&A sessions, a live queue with votes, a prepared poll.

Called from the demo's composition root (``convener.demo``) once the program and the people exist.
Everything goes through the services (so the demo obeys the same rules as people do), except the bulk
of the votes, written as rows with the count set to their number, to keep `convener demo` fast.
"""

from __future__ import annotations

from random import Random

from django.db.models import Q

from convener.discussion import services
from convener.discussion.models import Question, Vote
from convener.people.models import Participant
from convener.people.selectors import MEMBER_ROLES
from convener.program.models import Meeting, Session

TOPICS = [
    (
        "How do other nodes run data-use training?",
        "We are planning **three workshops** next year. What worked for you:\n\n- online or in person?\n"
        "- one long day or several short sessions?",
        [
            "We did four 2-hour online sessions; attendance stayed high.",
            "In person worked better for *hands-on* data cleaning.",
        ],
    ),
    (
        "Which licence do you recommend to publishers?",
        "Our publishers hesitate between CC BY and CC0. Any arguments that convinced yours?",
        ["CC BY: citation matters to our researchers."],
    ),
]
QUESTIONS = [
    ("How can small nodes with one staff member keep up with the new tools?", False),
    ("Will the recordings of the live demos stay online after the meeting?", False),
    ("What is the plan for sensitive species data?", True),
    ("Can regional representatives get a budget for translation?", False),
    ("How do we measure data use, beyond download counts?", False),
]


def build_demo_discussion(*, meeting: Meeting, organiser: Participant, keep_free: Participant, rng: Random) -> None:
    """Topics, questions with votes and a draft poll; ``keep_free`` (the demo participant) has voted nothing."""
    sessions = list(Session.objects.filter(meeting=meeting, kind=Session.Kind.LIVE_QA).order_by("starts_at"))
    if not sessions:
        return
    live = sessions[0]
    members = list(
        Participant.objects.filter(meeting=meeting, role__in=MEMBER_ROLES)
        .exclude(Q(pk=keep_free.pk) | Q(pk=organiser.pk))
        .order_by("pk")
    )
    if len(members) < 10:
        return
    authors = rng.sample(members, len(TOPICS) + len(QUESTIONS) + 4)

    # Forum threads: one about the session's theme, one about the session itself.
    targets = [("theme", live.theme_id) if live.theme_id else ("session", live.pk), ("session", live.pk)]
    topics = []
    for (title, body, replies), (kind, target_id) in zip(TOPICS, targets, strict=True):
        topic = services.topic_create(
            meeting=meeting, kind=kind, target_id=target_id, by=authors.pop(), title=title, body=body
        )
        for text in replies:
            services.reply_create(topic=topic, by=authors.pop(), body=text)
        topics.append(topic)

    # The live queue: approved questions with votes, one promoted from the forum, one still waiting.
    for text, anonymous in QUESTIONS:
        question = services.question_ask(session=live, by=authors.pop(), text=text, anonymous=anonymous)
        services.question_moderate(question=question, by=organiser, action="approve")
        voters = rng.sample(members, rng.randint(2, min(25, len(members))))
        Vote.objects.bulk_create(Vote(question=question, participant=voter) for voter in voters)
        Question.objects.filter(pk=question.pk).update(votes=len(voters))
    services.question_promote(topic=topics[-1], session=live, by=organiser)
    services.question_ask(
        session=live,
        by=authors.pop(),
        anonymous=True,
        text="Could the secretariat share the slides before each session?",
    )

    # A poll prepared before the session, to open during it.
    services.poll_create(
        session=live,
        by=organiser,
        question="Which topic should the next webinar cover?",
        kind="single",
        choices=["Data quality", "Sensitive data", "Data use stories", "Tools"],
    )
