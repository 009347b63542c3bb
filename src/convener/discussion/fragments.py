"""The HTML pushed to live clients: rendered once per audience, never once per person.

Each session has two groups: ``qa-<session>-mod`` (organisers, facilitators and moderators: real names,
moderation buttons) and ``qa-<session>-all`` (everyone else, and the big screen: anonymous questions shown
as anonymous). Every fragment is an htmx out-of-band swap by id; an element that carries ``data-into`` and
is not on the page yet is inserted into that container by static/convener/qa.js (an upsert). Per-person
bits (my vote, my answer, my question awaiting moderation) come from that person's own requests.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils.html import format_html

from convener.core.live import group_name
from convener.discussion import selectors
from convener.discussion.models import LivePoll, Question

UPSERT, DELETE, NONE = "upsert", "delete", "none"


def groups(session_id: int) -> tuple[str, str]:
    """(moderators' group, everyone else's group) of a session's live Q&A."""
    base = group_name("qa", session_id)
    return f"{base}-mod", f"{base}-all"


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
    return {mod_group: "".join(mod_parts), all_group: "".join(all_parts)}


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
    return {mod_group: html, all_group: html}


def qa_status(session_id: int) -> dict[str, str]:
    mod_group, all_group = groups(session_id)
    from convener.program.models import Session

    session = Session.objects.filter(pk=session_id).first()
    if session is None:
        return {}
    html = render_to_string("discussion/_qa_status.html", {"qa_open": selectors.qa_is_open(session), "oob": True})
    return {mod_group: html, all_group: html}
