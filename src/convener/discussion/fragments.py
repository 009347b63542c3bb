"""The HTML pushed to live clients: rendered once per audience, never once per person.

Each session has three groups: ``qa-<session>-mod`` (the moderation page of organisers, facilitators and
moderators: real names, moderation buttons), ``qa-<session>-all`` (the participants' page: anonymous
questions shown as anonymous) and ``qa-<session>-screen`` (the projector). Every fragment is an htmx
out-of-band swap by id; on the two list pages, an element that carries ``data-into`` and is not on the page
yet is inserted into that container by static/convener/qa.js (an upsert), and one the page does not show is
dropped there, so htmx never swaps into a missing target. The projector shows only the top of the queue, so
it gets its whole live part again, rendered once, after any change it shows. Per-person bits (my vote, my
answer, my question awaiting moderation) come from that person's own requests.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils.html import format_html

from convener.core.live import group_name
from convener.discussion import selectors
from convener.discussion.models import LivePoll, Question
from convener.program.models import Session

UPSERT, DELETE, NONE = "upsert", "delete", "none"


def groups(session_id: int) -> tuple[str, str]:
    """(moderators' group, everyone else's group) of a session's live Q&A."""
    base = group_name("qa", session_id)
    return f"{base}-mod", f"{base}-all"


def screen_group(session_id: int) -> str:
    """The projector's group of a session's live Q&A."""
    return f"{group_name('qa', session_id)}-screen"


def screen_context(session: Session, **extra: object) -> dict:
    """What discussion/_screen_live.html shows: the question being answered, the top of the queue, the open poll."""
    state = selectors.screen(session)
    return {
        "session": session,
        "meeting": session.meeting,
        "qa_open": selectors.qa_is_open(session),
        "answering": state.answering,
        "queue": state.queue,
        "poll": state.poll,
        "results": selectors.poll_results([state.poll] if state.poll else []),
        **extra,
    }


def screen(session_id: int) -> dict[str, str]:
    """The projector's live part, whole, for its group."""
    session = Session.objects.select_related("meeting").filter(pk=session_id).first()
    if session is None:
        return {}
    html = render_to_string("discussion/_screen_live.html", screen_context(session, oob=True))
    return {screen_group(session_id): html}


def _delete(element_id: str) -> str:
    return format_html('<div id="{}" hx-swap-oob="delete" data-gone></div>', element_id)


def questions(session_id: int, changes: Iterable[tuple[int, str]]) -> dict[str, str]:
    """Fragments for changed questions; each change says what participants get: upsert, delete or none."""
    mod_group, all_group = groups(session_id)
    changes = list(changes)
    found = {
        q.pk: q
        for q in Question.objects.filter(pk__in=[pk for pk, _ in changes]).select_related(
            "author", "author__node", "session", "session__meeting"
        )
    }
    mod_parts: list[str] = []
    all_parts: list[str] = []
    for pk, participants in changes:
        question = found.get(pk)
        if question is None:
            mod_parts.append(_delete(f"q-{pk}"))
            all_parts.append(_delete(f"q-{pk}"))
            continue
        context = {"q": question, "session": question.session, "meeting": question.session.meeting, "oob": True}
        mod_parts.append(render_to_string("discussion/_question_mod.html", context))
        if participants == UPSERT:
            all_parts.append(render_to_string("discussion/_question.html", {**context, "my_votes": ()}))
        elif participants == DELETE:
            all_parts.append(_delete(f"q-{pk}"))
    fragments = {mod_group: "".join(mod_parts), all_group: "".join(all_parts)}
    if any(participants != NONE for _, participants in changes):  # a waiting question is never on the screen
        fragments.update(screen(session_id))
    return fragments


def poll(poll_id: int, session_id: int) -> dict[str, str]:
    """A poll created, opened, closed or deleted: moderators always hear; participants once it is not a draft."""
    mod_group, all_group = groups(session_id)
    found = (
        LivePoll.objects.filter(pk=poll_id)
        .select_related("session", "session__meeting")
        .prefetch_related("choices")
        .first()
    )
    if found is None:
        return {mod_group: _delete(f"poll-{poll_id}"), all_group: _delete(f"poll-{poll_id}")}
    result = selectors.poll_results([found])[found.pk]
    context = {
        "poll": found,
        "result": result,
        "session": found.session,
        "meeting": found.session.meeting,
        "oob": True,
        "mine": (),
    }
    fragments = {mod_group: render_to_string("discussion/_poll_mod.html", context)}
    if found.status != LivePoll.Status.DRAFT:
        fragments[all_group] = render_to_string("discussion/_poll.html", context)
        fragments.update(screen(session_id))
    return fragments


def poll_results(poll_id: int, session_id: int) -> dict[str, str]:
    """New counts of one poll: the same chart for every audience (answers are never shown by name)."""
    mod_group, all_group = groups(session_id)
    found = LivePoll.objects.filter(pk=poll_id).prefetch_related("choices").first()
    if found is None:
        return {}
    html = render_to_string(
        "discussion/_poll_results.html",
        {
            "result": selectors.poll_results([found])[found.pk],
            "poll": found,
            "oob": True,
        },
    )
    return {mod_group: html, all_group: html, **screen(session_id)}


def qa_status(session_id: int) -> dict[str, str]:
    mod_group, all_group = groups(session_id)
    session = Session.objects.filter(pk=session_id).first()
    if session is None:
        return {}
    html = render_to_string("discussion/_qa_status.html", {"qa_open": selectors.qa_is_open(session), "oob": True})
    return {mod_group: html, all_group: html, **screen(session_id)}
