"""Availability polls: proposing times, answering in one's own zone, and the combined result."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from convener.availability import selectors as poll_selectors
from convener.availability import services as poll_services
from convener.availability.models import AvailabilityPoll, PollAnswer, PollOption
from convener.people.services import participant_set_role
from tests.factories import MeetingFactory, ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
CPH = ZoneInfo("Europe/Copenhagen")

# Thursday 25 March 14:00 CET and Monday 29 March 14:00 CEST: the meeting's clocks change between them.
THURSDAY = datetime(2027, 3, 25, 13, tzinfo=UTC)
MONDAY = datetime(2027, 3, 29, 12, tzinfo=UTC)


def make_poll(personas, starts=(THURSDAY, MONDAY), status="open", **kwargs) -> AvailabilityPoll:
    fields = {"title": "When shall we meet?", "duration_minutes": 60} | kwargs
    poll = poll_services.poll_create(
        meeting=personas.meeting, created_by=personas.organiser, starts=list(starts), **fields
    )
    if status != "draft":
        poll = poll_services.poll_set_status(poll=poll, by=personas.organiser, status="open")
    if status == "closed":
        poll = poll_services.poll_set_status(poll=poll, by=personas.organiser, status="closed")
    return poll


def options_of(poll) -> list[PollOption]:
    return list(poll.options.order_by("starts_at"))


def answer(poll, participant, *values):
    return poll_services.poll_answer(
        poll=poll,
        participant=participant,
        answers={option.pk: value for option, value in zip(options_of(poll), values, strict=True)},
    )


def saved(poll, participant) -> list[str]:
    return list(
        PollAnswer.objects.filter(option__poll=poll, participant=participant)
        .order_by("option__starts_at")
        .values_list("answer", flat=True)
    )


def url(name, poll=None, slug="gnm"):
    kwargs = {"slug": slug} if poll is None else {"slug": slug, "pk": poll.pk}
    return reverse(f"availability:{name}", kwargs=kwargs)


def row(body: str, element_id: str) -> str:
    return body.split(f'id="{element_id}"')[1].split("</tr>")[0]


# --- creating a poll -------------------------------------------------------------------------


def test_an_organiser_proposes_times_and_the_poll_starts_as_a_draft(personas):
    session = SessionFactory(meeting=personas.meeting, title="Regional session")
    poll = make_poll(
        personas,
        starts=[MONDAY, THURSDAY.astimezone(CPH)],
        status="draft",
        session=session,
        description="  Pick what suits you.  ",
    )
    assert poll.status == "draft"
    assert poll.session == session
    assert poll.description == "Pick what suits you."
    assert [o.starts_at for o in options_of(poll)] == [THURSDAY, MONDAY]


@pytest.mark.parametrize("who", ["facilitator", "participant", "guest"])
def test_it_requires_an_organiser_to_create_a_poll(personas, who):
    with pytest.raises(PermissionDenied):
        poll_services.poll_create(
            meeting=personas.meeting,
            created_by=getattr(personas, who),
            title="Mine",
            duration_minutes=60,
            starts=[THURSDAY],
        )
    assert not AvailabilityPoll.objects.exists()


def test_an_organiser_of_another_meeting_cannot_create_a_poll_here(personas):
    other = ParticipantFactory(meeting=MeetingFactory(), role="organiser")
    with pytest.raises(PermissionDenied):
        poll_services.poll_create(
            meeting=personas.meeting, created_by=other, title="Mine", duration_minutes=60, starts=[THURSDAY]
        )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"starts": []}, "starts", "Propose at least one start time."),
        (
            {"starts": [THURSDAY + timedelta(minutes=15 * i) for i in range(41)]},
            "starts",
            "Propose at most 40 start times; there are 41.",
        ),
        (
            {"starts": [THURSDAY, THURSDAY.astimezone(ZoneInfo("Asia/Kathmandu"))]},
            "starts",
            "Thu 25 Mar 2027, 14:00 (Europe/Copenhagen) is proposed twice.",
        ),
        ({"starts": [datetime(2027, 3, 25, 13)]}, "starts", "is not a time with a zone."),
        # 23:30 UTC on 31 March is already 1 April in Copenhagen.
        (
            {"starts": [datetime(2027, 3, 31, 23, 30, tzinfo=UTC)]},
            "starts",
            "2027-03-31 23:30 UTC falls on 01 Apr 2027 in Europe/Copenhagen, outside the meeting's dates "
            "25 Mar to 31 Mar 2027.",
        ),
        ({"duration_minutes": 10}, "duration_minutes", "A slot lasts at least 15 minutes."),
        ({"duration_minutes": 481}, "duration_minutes", "A slot lasts at most 480 minutes (8 hours)."),
        ({"title": "  "}, "title", "This field cannot be blank."),
    ],
)
def test_poll_create_explains_bad_input_and_saves_nothing(personas, changes, field, message):
    fields = {"title": "When?", "duration_minutes": 60, "starts": [THURSDAY]} | changes
    with pytest.raises(ValidationError) as caught:
        poll_services.poll_create(meeting=personas.meeting, created_by=personas.organiser, **fields)
    assert any(message in text for text in caught.value.message_dict[field])
    assert not AvailabilityPoll.objects.exists()
    assert not PollOption.objects.exists()


def test_a_poll_cannot_plan_a_session_of_another_meeting(personas):
    with pytest.raises(ValidationError) as caught:
        make_poll(personas, session=SessionFactory(), status="draft")
    assert caught.value.message_dict["session"] == ["This session belongs to another meeting."]


# --- opening and closing ---------------------------------------------------------------------


def test_an_organiser_opens_closes_and_reopens_a_poll(personas):
    poll = make_poll(personas, status="draft")
    for status in ["open", "closed", "open"]:
        poll = poll_services.poll_set_status(poll=poll, by=personas.organiser, status=status)
        assert AvailabilityPoll.objects.get().status == status


@pytest.mark.parametrize(
    ("start", "status", "message"),
    [
        ("draft", "closed", "A draft poll cannot become closed."),
        ("open", "open", "This poll is already open."),
        ("open", "draft", "A open poll cannot become draft."),
        ("open", "finished", "Unknown status 'finished'; choose one of draft, open, closed."),
    ],
)
def test_poll_status_changes_follow_the_rules(personas, start, status, message):
    poll = make_poll(personas, status=start)
    with pytest.raises(ValidationError) as caught:
        poll_services.poll_set_status(poll=poll, by=personas.organiser, status=status)
    assert caught.value.messages == [message]
    assert AvailabilityPoll.objects.get().status == start


def test_only_an_organiser_opens_a_poll(personas):
    poll = make_poll(personas, status="draft")
    with pytest.raises(PermissionDenied):
        poll_services.poll_set_status(poll=poll, by=personas.facilitator, status="open")
    assert AvailabilityPoll.objects.get().status == "draft"


# --- answering -------------------------------------------------------------------------------


def test_a_participant_answers_every_option_and_can_change_their_mind(personas):
    poll = make_poll(personas)
    answer(poll, personas.participant, "yes", "maybe")
    assert saved(poll, personas.participant) == ["yes", "maybe"]
    answer(poll, personas.participant, "no", "yes")
    assert saved(poll, personas.participant) == ["no", "yes"]
    assert PollAnswer.objects.count() == 2


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (lambda first, second: {first.pk: "yes", second.pk: "perhaps"}, "An answer is yes, maybe or no, not perhaps."),
        (lambda first, second: {first.pk: "yes"}, "Answer every proposed time; missing: Mon 29 Mar 2027, 14:00"),
        (
            lambda first, second: {first.pk: "yes", second.pk: "no", 99999: "yes"},
            "These options are not part of this poll: 99999.",
        ),
    ],
)
def test_answers_are_all_or_nothing(personas, answers, message):
    poll = make_poll(personas)
    answer(poll, personas.participant, "maybe", "maybe")
    first, second = options_of(poll)
    with pytest.raises(ValidationError) as caught:
        poll_services.poll_answer(poll=poll, participant=personas.participant, answers=answers(first, second))
    assert any(message in text for text in caught.value.messages)
    assert saved(poll, personas.participant) == ["maybe", "maybe"]  # the earlier answers stand


def test_an_option_of_another_poll_is_refused(personas):
    poll, other = make_poll(personas), make_poll(personas, starts=[THURSDAY])
    first, second = options_of(poll)
    with pytest.raises(ValidationError):
        poll_services.poll_answer(
            poll=poll,
            participant=personas.participant,
            answers={first.pk: "yes", second.pk: "yes", options_of(other)[0].pk: "no"},
        )
    assert not PollAnswer.objects.exists()


@pytest.mark.parametrize(
    ("status", "message"),
    [("closed", "This poll is closed; answers can no longer be changed."), ("draft", "This poll is not open yet.")],
)
def test_a_poll_that_is_not_open_refuses_answers(personas, status, message):
    poll = make_poll(personas, status=status)
    with pytest.raises(ValidationError) as caught:
        answer(poll, personas.participant, "yes", "yes")
    assert caught.value.messages == [message]
    assert not PollAnswer.objects.exists()


def test_a_guest_and_a_participant_of_another_meeting_cannot_answer(personas):
    poll = make_poll(personas)
    outsider = ParticipantFactory(meeting=MeetingFactory())
    for who in [personas.guest, outsider]:
        with pytest.raises(PermissionDenied):
            answer(poll, who, "yes", "yes")
    assert not PollAnswer.objects.exists()


# --- reading the lines the organiser types ---------------------------------------------------


def test_the_new_poll_form_names_every_bad_line(personas):
    client = personas.client_for(personas.organiser)
    starts = "\n".join(
        [
            "2027-03-25 14:00",
            "next Thursday",
            "2027-03-28 02:30",  # Copenhagen skips 02:00-03:00 that night
            "",
            "2027-04-02 10:00",
            "2027-03-25 14:00",
            "2027-02-30 10:00",
        ]
    )
    response = client.post(
        url("poll_create"),
        {"title": "When?", "duration_minutes": "60", "time_zone": "Europe/Copenhagen", "starts": starts},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["starts"]
    assert errors == [
        "Line 2: “next Thursday” is not a date and time; write it as 2027-03-25 14:00.",
        "Line 3: 2027-03-28 02:30 does not exist in Europe/Copenhagen: the clocks go forward at that hour.",
        "Line 5: 2027-04-02 10:00 (Europe/Copenhagen) falls on 02 Apr 2027 in Europe/Copenhagen, "
        "outside the meeting's dates 25 Mar to 31 Mar 2027.",
        "Line 6: 2027-03-25 14:00 is the same time as line 1.",
        "Line 7: “2027-02-30 10:00” is not a date and time; write it as 2027-03-25 14:00.",
    ]
    assert "Line 3: 2027-03-28 02:30 does not exist" in response.content.decode()
    assert not AvailabilityPoll.objects.exists()


def test_the_new_poll_form_reads_times_in_the_organisers_zone(personas):
    client = personas.client_for(personas.organiser)
    client.cookies["convener_tz"] = "Asia/Kathmandu"
    page = client.get(url("poll_create"))
    assert page.context["form"]["time_zone"].value() == "Asia/Kathmandu"
    session = SessionFactory(meeting=personas.meeting, title="Regional session")
    response = client.post(
        url("poll_create"),
        {
            "title": "Regional session: when?",
            "description": "",
            "duration_minutes": "90",
            "session": session.pk,
            "time_zone": "Asia/Kathmandu",
            "starts": "2027-03-25 18:45\r\n\r\n2027-03-29 17:45\r\n",
        },
    )
    poll = AvailabilityPoll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("poll_detail", poll)
    assert [o.starts_at for o in options_of(poll)] == [THURSDAY, MONDAY]
    assert (poll.session, poll.duration_minutes, poll.created_by) == (session, 90, personas.organiser)


def test_a_zone_outside_the_picker_list_is_kept_not_replaced(personas):
    client = personas.client_for(personas.organiser)
    client.cookies["convener_tz"] = "Etc/GMT+5"
    page = client.get(url("poll_create")).content.decode()
    assert '<option value="Etc/GMT+5" selected>' in page
    data = {"title": "When?", "duration_minutes": "60", "time_zone": "Etc/GMT+5", "starts": "2027-03-25 08:00"}
    assert client.post(url("poll_create"), data).status_code == 302
    assert PollOption.objects.get().starts_at == THURSDAY


def test_the_new_poll_form_offers_only_this_meetings_sessions(personas):
    SessionFactory(meeting=MeetingFactory(), title="Elsewhere")
    response = personas.client_for(personas.organiser).post(
        url("poll_create"),
        {
            "title": "When?",
            "duration_minutes": "60",
            "time_zone": "UTC",
            "starts": "2027-03-25 13:00",
            "session": SessionFactory(meeting=MeetingFactory()).pk,
        },
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.context["form"].errors["session"][0]
    assert "Elsewhere" not in response.content.decode()


# --- who may see what ------------------------------------------------------------------------


def every_view(poll):
    return [
        ("get", url("poll_list")),
        ("get", url("poll_create")),
        ("post", url("poll_create")),
        ("get", url("poll_detail", poll)),
        ("post", url("poll_detail", poll)),
        ("post", url("poll_status", poll)),
    ]


def test_anonymous_visitors_are_asked_to_sign_in_on_every_view(personas):
    poll = make_poll(personas)
    for method, path in every_view(poll):
        response = getattr(Client(), method)(path, {"status": "closed"} if method == "post" else {})
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("account_login")), path
    assert AvailabilityPoll.objects.get().status == "open"


def test_a_stranger_is_sent_to_register_on_every_view(personas):
    poll = make_poll(personas)
    client = personas.client_for(personas.stranger)
    for method, path in every_view(poll):
        response = getattr(client, method)(path, {"status": "closed"} if method == "post" else {})
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("program:register", kwargs={"slug": "gnm"})), path
    assert AvailabilityPoll.objects.get().status == "open"


def test_a_guest_is_refused_on_every_view(personas):
    poll = make_poll(personas)
    client = personas.client_for(personas.guest)
    for method, path in every_view(poll):
        first, second = options_of(poll)
        data = {"status": "closed", f"option-{first.pk}": "yes", f"option-{second.pk}": "yes"}
        response = getattr(client, method)(path, data if method == "post" else {})
        assert response.status_code == 403, path
        assert "An organiser has not approved your registration yet." in response.content.decode()
    assert AvailabilityPoll.objects.get().status == "open"
    assert not PollAnswer.objects.exists()


def test_participants_cannot_create_or_open_polls(personas):
    poll = make_poll(personas, status="draft")
    client = personas.client_for(personas.facilitator)
    assert client.get(url("poll_create")).status_code == 403
    response = client.post(
        url("poll_create"),
        {"title": "Mine", "duration_minutes": "60", "time_zone": "UTC", "starts": "2027-03-25 13:00"},
    )
    assert response.status_code == 403
    assert client.post(url("poll_status", poll), {"status": "open"}).status_code == 403
    assert AvailabilityPoll.objects.get().status == "draft"


def test_drafts_are_for_organisers_only(personas):
    draft = make_poll(personas, status="draft", title="Draft poll")
    make_poll(personas, title="Open poll")
    participant = personas.client_for(personas.participant)
    listing = participant.get(url("poll_list")).content.decode()
    assert "Open poll" in listing and "Draft poll" not in listing
    assert participant.get(url("poll_detail", draft)).status_code == 404
    organiser = personas.client_for(personas.organiser).get(url("poll_list")).content.decode()
    assert "Draft poll" in organiser and "Open poll" in organiser
    assert 'status-draft">Draft</span>' in organiser


def test_a_poll_of_another_meeting_is_not_found_here(personas):
    other = MeetingFactory(slug="other")
    organiser = ParticipantFactory(meeting=other, role="organiser")
    poll = poll_services.poll_create(
        meeting=other, created_by=organiser, title="Theirs", duration_minutes=60, starts=[THURSDAY]
    )
    response = personas.client_for(personas.organiser).get(url("poll_detail", poll))
    assert response.status_code == 404


# --- answering on the page -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "thursday", "monday"),
    [
        # Copenhagen moves its clocks on Sunday 28 March; Bogota and Kathmandu keep theirs,
        # so the same 14:00 meeting time is an hour earlier for them after the change.
        ("America/Bogota", "Thu 25 Mar, 08:00–09:00", "Mon 29 Mar, 07:00–08:00"),
        ("Asia/Kathmandu", "Thu 25 Mar, 18:45–19:45", "Mon 29 Mar, 17:45–18:45"),
    ],
)
def test_a_participant_who_changes_zone_sees_the_same_options_at_the_new_local_hour(personas, zone, thursday, monday):
    poll = make_poll(personas)
    first, second = options_of(poll)
    client = personas.client_for(personas.participant)
    at_home = client.get(url("poll_detail", poll)).content.decode()
    assert "Thu 25 Mar, 14:00–15:00" in row(at_home, f"option-{first.pk}")
    assert "Mon 29 Mar, 14:00–15:00" in row(at_home, f"option-{second.pk}")

    client.cookies["convener_tz"] = zone
    body = client.get(url("poll_detail", poll)).content.decode()
    assert thursday in row(body, f"option-{first.pk}")
    assert "14:00 CET" in row(body, f"option-{first.pk}")
    assert monday in row(body, f"option-{second.pk}")
    assert "14:00 CEST" in row(body, f"option-{second.pk}")
    assert f'name="option-{first.pk}"' in body  # the same options, answered by id whatever the zone


def test_a_participant_answers_on_the_page_and_sees_their_answers_again(personas):
    poll = make_poll(personas)
    first, second = options_of(poll)
    client = personas.client_for(personas.participant)
    response = client.post(url("poll_detail", poll), {f"option-{first.pk}": "yes", f"option-{second.pk}": "no"})
    assert response.status_code == 302
    assert saved(poll, personas.participant) == ["yes", "no"]
    page = client.get(url("poll_detail", poll)).content.decode()
    assert "Your answers are saved." in page
    assert re.search(r'value="yes"[^>]* checked>', row(page, f"option-{first.pk}"))
    assert re.search(r'value="no"[^>]* checked>', row(page, f"option-{second.pk}"))
    assert len(re.findall(r" checked>", page)) == 2


def test_the_answer_form_needs_every_option_and_saves_nothing_otherwise(personas):
    poll = make_poll(personas)
    first, second = options_of(poll)
    client = personas.client_for(personas.participant)
    response = client.post(url("poll_detail", poll), {f"option-{first.pk}": "yes", f"option-{second.pk}": "sure"})
    assert response.status_code == 400
    assert "Choose yes, if need be or no for Monday 29 March, 14:00." in row(
        response.content.decode(), f"option-{second.pk}"
    )
    assert not PollAnswer.objects.exists()


def test_a_closed_poll_shows_no_answer_form_and_refuses_a_post(personas):
    poll = make_poll(personas)
    answer(poll, personas.participant, "yes", "maybe")
    poll_services.poll_set_status(poll=poll, by=personas.organiser, status="closed")
    first, second = options_of(poll)
    client = personas.client_for(personas.participant)
    page = client.get(url("poll_detail", poll)).content.decode()
    assert "This poll is closed; answers can no longer be changed." in page
    assert "Save my answers" not in page
    assert "If need be" in row(page, f"option-{second.pk}")
    response = client.post(url("poll_detail", poll), {f"option-{first.pk}": "no", f"option-{second.pk}": "no"})
    assert response.status_code == 400
    assert saved(poll, personas.participant) == ["yes", "maybe"]


def test_the_answer_form_needs_a_csrf_token(personas):
    poll = make_poll(personas)
    first, second = options_of(poll)
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.participant.user)
    response = client.post(url("poll_detail", poll), {f"option-{first.pk}": "yes", f"option-{second.pk}": "yes"})
    assert response.status_code == 403
    assert not PollAnswer.objects.exists()


def test_an_organiser_opens_and_closes_a_poll_from_its_page(personas):
    poll = make_poll(personas, status="draft")
    client = personas.client_for(personas.organiser)
    assert "Open the poll for answers" in client.get(url("poll_detail", poll)).content.decode()
    response = client.post(url("poll_status", poll), {"status": "open"}, follow=True)
    assert "The poll is now open." in response.content.decode()
    assert "Close the poll" in response.content.decode()
    response = client.post(url("poll_status", poll), {"status": "draft"}, follow=True)
    assert "A open poll cannot become draft." in response.content.decode()
    assert AvailabilityPoll.objects.get().status == "open"


# --- results ---------------------------------------------------------------------------------

# 10:00 CET and 14:00 CET are working hours in Copenhagen; 03:00 CET is night.
MORNING = datetime(2027, 3, 25, 9, tzinfo=UTC)
AFTERNOON = datetime(2027, 3, 25, 13, tzinfo=UTC)
NIGHT = datetime(2027, 3, 26, 2, tzinfo=UTC)


@pytest.fixture
def answered(personas):
    poll = make_poll(personas, starts=[MORNING, AFTERNOON, NIGHT])
    answer(poll, personas.organiser, "yes", "yes", "yes")
    answer(poll, personas.facilitator, "yes", "maybe", "yes")
    answer(poll, personas.participant, "no", "yes", "yes")
    return poll


def test_results_count_answers_and_rank_them_with_the_time_zone_cost(personas, answered):
    results = poll_selectors.poll_results(poll=answered)
    by_start = {r.starts_at: r for r in results.options}
    morning, afternoon, night = by_start[MORNING], by_start[AFTERNOON], by_start[NIGHT]
    assert (morning.yes, morning.maybe, morning.no) == (
        ["Fatou Facilitator", "Olga Organiser"],
        [],
        ["Pablo Participant"],
    )
    assert (len(afternoon.yes), afternoon.maybe) == (2, ["Fatou Facilitator"])
    assert (len(night.yes), night.night, night.working) == (3, 3, 0)
    # 2·yes + 1·maybe − 2·no − 1 per person at night
    assert (morning.score, afternoon.score, night.score) == (2, 5, 3)
    assert [r.starts_at for r in results.options] == [AFTERNOON, NIGHT, MORNING]
    assert [r.best for r in results.options] == [True, False, False]
    assert results.comfort_of == "respondents"
    assert results.respondents == ["Fatou Facilitator", "Olga Organiser", "Pablo Participant"]
    assert morning.widths == {"yes": 65, "maybe": 0, "no": 35}  # 2/3 and 1/3 in 5 % steps, adding up to 100


def test_comfort_is_judged_in_each_persons_own_zone(personas, answered):
    personas.participant.time_zone = "Asia/Kathmandu"  # 02:00 UTC is 07:45 there: awake, not yet working
    personas.participant.save()
    night = next(r for r in poll_selectors.poll_results(poll=answered).options if r.starts_at == NIGHT)
    assert (night.working, night.edge, night.night) == (0, 1, 2)
    assert night.score == 2 * 3 - 2


def test_before_anyone_answers_comfort_covers_every_member(personas):
    poll = make_poll(personas, starts=[MORNING, NIGHT])
    results = poll_selectors.poll_results(poll=poll)
    assert results.comfort_of == "participants"
    assert results.comfort_people == 3  # organiser, facilitator, participant; not the guest
    assert [(r.starts_at, r.score, r.best) for r in results.options] == [(MORNING, 0, True), (NIGHT, -3, False)]


def test_the_organiser_sees_results_with_a_bar_chart_and_how_the_score_is_made(personas, answered):
    body = personas.client_for(personas.organiser).get(url("poll_detail", answered)).content.decode()
    afternoon = PollOption.objects.get(starts_at=AFTERNOON)
    best = row(body, f"result-{afternoon.pk}")
    assert "Best" in best
    assert "2 yes" in best and "1 if need be" in best and "0 no" in best
    assert "bar-yes bar-w-65" in best and "bar-maybe bar-w-35" in best and "bar-no bar-w-0" in best
    assert "Yes: Olga Organiser, Pablo Participant" in best
    assert "3 in working hours · 0 early or late · 0 at night" in best
    assert "How the score is made" in body
    assert "style=" not in body and "<script>" not in body


def test_participants_see_results_only_once_the_poll_is_closed(personas, answered):
    client = personas.client_for(personas.participant)
    assert "How the score is made" not in client.get(url("poll_detail", answered)).content.decode()
    poll_services.poll_set_status(poll=answered, by=personas.organiser, status="closed")
    assert "How the score is made" in client.get(url("poll_detail", answered)).content.decode()


def test_the_list_shows_counts_and_whether_you_answered(personas, answered):
    make_poll(personas, title="Another poll")
    body = personas.client_for(personas.participant).get(url("poll_list")).content.decode()
    mine = row(body, f"poll-{answered.pk}")
    assert "<td>3</td>" in mine and "Answered" in mine
    other = AvailabilityPoll.objects.get(title="Another poll")
    assert "Not yet" in row(body, f"poll-{other.pk}")


# --- queries do not grow ---------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_the_poll_page_queries_do_not_grow_with_options(personas, django_assert_num_queries, count):
    poll = make_poll(personas, starts=[MORNING + timedelta(hours=i) for i in range(count)])
    for who in [personas.organiser, personas.facilitator, personas.participant]:
        answer(poll, who, *["yes"] * count)
    client = personas.client_for(personas.organiser)
    # session, user, meeting, participant, poll, options, my answers, all answers (with people), announcements
    with django_assert_num_queries(9):
        assert client.get(url("poll_detail", poll)).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_poll_list_queries_do_not_grow_with_polls(personas, django_assert_num_queries, count):
    for i in range(count):
        answer(
            make_poll(personas, title=f"Poll {i}", session=SessionFactory(meeting=personas.meeting)),
            personas.participant,
            "yes",
            "no",
        )
    client = personas.client_for(personas.participant)
    # session, user, meeting, participant, polls (with counts and sessions), announcements for the viewer
    with django_assert_num_queries(6):
        assert client.get(url("poll_list")).status_code == 200


# --- admin -----------------------------------------------------------------------------------


def test_an_organiser_sees_only_their_meetings_polls_in_the_admin(personas, answered):
    participant_set_role(participant=personas.organiser, role="organiser")
    other = MeetingFactory(slug="other")
    theirs = ParticipantFactory(meeting=other, role="organiser")
    poll_services.poll_create(
        meeting=other, created_by=theirs, title="Their poll", duration_minutes=60, starts=[THURSDAY]
    )
    user = personas.organiser.user
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="scheduling", codename__startswith="view_")
    )
    client = personas.client_for(personas.organiser)
    body = client.get("/admin/availability/availabilitypoll/").content.decode()
    assert "When shall we meet?" in body and "Their poll" not in body
    answers = client.get("/admin/availability/pollanswer/").content.decode()
    assert "Pablo Participant" in answers
    assert client.get("/admin/availability/polloption/").status_code == 200


def test_the_new_poll_form_refuses_far_off_times_by_line(personas):
    client = personas.client_for(personas.organiser)
    starts = "\n".join(["0001-01-01 00:00", "9999-12-31 23:59", "2040-03-25 14:00"])
    response = client.post(
        url("poll_create"),
        {"title": "When?", "duration_minutes": "60", "time_zone": "Pacific/Pago_Pago", "starts": starts},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["starts"]
    assert len(errors) == 3
    # Before 1892 Pago Pago kept the local mean time of the other side of the date line: 12:37 ahead of UTC.
    assert errors[0] == (
        "Line 1: 0001-01-01 00:00 is out of range in Pacific/Pago_Pago: choose a date between the years 1900 and 2999."
    )
    assert errors[1] == (
        "Line 2: 9999-12-31 23:59 is out of range in Pacific/Pago_Pago: choose a date between the years 1900 and 2999."
    )
    assert errors[2].startswith("Line 3: 2040-03-25 14:00 (Pacific/Pago_Pago) must fall between 25 Mar 2026")
    assert not AvailabilityPoll.objects.exists()


def test_poll_create_refuses_a_far_off_start_in_a_zone_ahead_of_utc(personas):
    personas.meeting.time_zone = "Pacific/Kiritimati"
    personas.meeting.save()
    with pytest.raises(ValidationError, match="must fall between 25 Mar 2026 and 31 Mar 2032"):
        make_poll(personas, starts=[THURSDAY, datetime(9999, 12, 31, 23, 59, tzinfo=UTC)])
    assert not AvailabilityPoll.objects.exists()
