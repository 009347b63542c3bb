"""Survey pages: who may see and do what, answering with clear messages, building without JavaScript."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from convener.surveys import services
from convener.surveys.models import Answer, Question, Respondent, Response, Survey
from tests.factories import SessionFactory
from tests.surveys.conftest import answers, build_survey

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


@pytest.fixture
def live(personas):
    """A survey open now."""
    now = timezone.now()
    return build_survey(personas, opens=now - timedelta(hours=1), closes=now + timedelta(days=1))


def url(name, built, **query):
    path = reverse(f"surveys:{name}", kwargs={"slug": "gnm", "pk": built.survey.pk})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.parametrize("name", ["build", "results", "csv"])
def test_organiser_pages_refuse_everyone_else(personas, live, name):
    assert personas.client_for(personas.organiser).get(url(name, live)).status_code == 200
    for who in (personas.participant, personas.facilitator, personas.guest):
        assert personas.client_for(who).get(url(name, live)).status_code == 403
    assert personas.client_for(personas.stranger).get(url(name, live)).status_code == 302  # to register
    assert personas.client_for(None).get(url(name, live))["Location"].startswith("/accounts/login/")


def test_a_survey_of_another_meeting_is_not_found(personas, live):
    from tests.factories import MeetingFactory, ParticipantFactory

    other = MeetingFactory(slug="other")
    ParticipantFactory(meeting=other, user=personas.organiser.user, role="organiser")
    path = reverse("surveys:results", kwargs={"slug": "other", "pk": live.survey.pk})
    assert personas.client_for(personas.organiser).get(path).status_code == 404


def test_a_participant_answers_and_sees_thanks(personas, live):
    client = personas.client_for(personas.participant)
    page = client.get(url("answer", live))
    assert "Anonymous:" in page.text and "Send my answers" in page.text
    response = client.post(url("answer", live), answers(live, again="No", why="Shorter days"), follow=True)
    assert "Thank you: your answers are saved, anonymously." in response.text
    assert "Anonymous answers cannot be changed" in response.text and "Send my answers" not in response.text
    assert Answer.objects.get(question=live.why).text == "Shorter days"


def test_missing_and_out_of_range_answers_are_named_and_nothing_is_saved(personas, live):
    client = personas.client_for(personas.participant)
    response = client.post(url("answer", live), answers(live, rating="", sessions="99", comment="kept on the page"))
    assert response.status_code == 400
    assert "Nothing was saved: please correct the answers marked below." in response.text
    assert "“Overall rating” needs an answer." in response.text
    assert "“Sessions attended”: give a number from 0 to 40; 99 is out of range." in response.text
    assert 'value="kept on the page"' in response.text  # what was typed stays
    assert (Response.objects.count(), Respondent.objects.count()) == (0, 0)


def test_a_closed_survey_says_so_and_takes_nothing(personas, live):
    Survey.objects.filter(pk=live.survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    client = personas.client_for(personas.participant)
    assert "This survey has closed" in client.get(url("answer", live)).text
    response = client.post(url("answer", live), answers(live))
    assert response.status_code == 400 and "This survey has closed; answers can no longer be sent" in response.text
    assert Response.objects.count() == 0


def test_an_unopened_survey_is_hidden_from_participants_but_previewed_by_organisers(personas):
    later = timezone.now() + timedelta(days=2)
    built = build_survey(personas, opens=later, closes=later + timedelta(days=1))
    assert personas.client_for(personas.participant).get(url("answer", built)).status_code == 404
    preview = personas.client_for(personas.organiser).get(url("answer", built))
    assert preview.status_code == 200 and "not open yet" in preview.text and "Send my answers" not in preview.text
    listing = personas.client_for(personas.participant).get(reverse("surveys:list", kwargs={"slug": "gnm"}))
    assert built.survey.title not in listing.text


def test_an_identified_response_is_shown_again_for_editing(personas):
    now = timezone.now()
    built = build_survey(personas, anonymous=False, opens=now - timedelta(hours=1), closes=now + timedelta(days=1))
    client = personas.client_for(personas.participant)
    client.post(url("answer", built), answers(built, comment="first"))
    page = client.get(url("answer", built))
    assert 'value="first"' in page.text and "Save my changes" in page.text
    client.post(url("answer", built), answers(built, comment="second"))
    assert Answer.objects.get(question=built.comment).text == "second" and Response.objects.count() == 1


def test_guests_cannot_answer(personas, live):
    client = personas.client_for(personas.guest)
    assert client.get(url("answer", live)).status_code == 403
    assert client.post(url("answer", live), answers(live)).status_code == 403
    assert Response.objects.count() == 0


def test_conditional_questions_carry_their_rule_for_the_browser(personas, live):
    page = personas.client_for(personas.participant).get(url("answer", live)).text
    assert f'data-show-if="q-{live.again.pk}"' in page
    assert 'data-show-values="[&quot;Maybe&quot;, &quot;No&quot;]"' in page
    assert "Only if you answered “Attend again?” with Maybe or No." in page
    assert "<script>" not in page and " style=" not in page


def test_user_text_is_escaped_everywhere(personas, live):
    services.response_submit(
        survey=live.survey, participant=personas.participant, data=answers(live, comment="<script>alert(1)</script>")
    )
    page = personas.client_for(personas.organiser).get(url("results", live)).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_results_page_shows_counts_rates_and_a_search(personas, live):
    for who, rating in [(personas.participant, "9"), (personas.facilitator, "7")]:
        services.response_submit(
            survey=live.survey, participant=who, data=answers(live, rating=rating, comment=f"from {rating}")
        )
    client = personas.client_for(personas.organiser)
    page = client.get(url("results", live)).text
    assert "<strong>2</strong> of 3 participants answered (67%)" in page
    assert "Mean <strong>8.0</strong> · median <strong>8.0</strong> · count <strong>2</strong>" in page
    assert "Export CSV" in page and "Print the report" in page
    found = client.get(url("results", live, q="from 9")).text
    assert "1 of 2 answers contain “from 9”" in found and "from 7" not in found


def test_small_groups_of_an_anonymous_survey_are_not_shown(personas, live):
    services.response_submit(survey=live.survey, participant=personas.participant, data=answers(live))
    region = personas.participant.node.region.name
    page = personas.client_for(personas.organiser).get(url("results", live, region=region)).text
    assert "Fewer than 3 responses match this filter" in page


def test_the_csv_downloads_for_organisers(personas, live):
    services.response_submit(survey=live.survey, participant=personas.participant, data=answers(live))
    response = personas.client_for(personas.organiser).get(url("csv", live))
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 2 and rows[1][4] == "8"


def test_reminders_from_the_results_page(personas, live, mailoutbox):
    response = personas.client_for(personas.organiser).post(url("remind", live), follow=True)
    assert "Reminder sent to 3 people who have not answered." in response.text
    assert len(mailoutbox) == 3


def test_organisers_build_with_plain_forms(personas):
    client = personas.client_for(personas.organiser)
    start = timezone.now().astimezone(UTC)
    response = client.post(
        reverse("surveys:create", kwargs={"slug": "gnm"}),
        {
            "title": "Feedback",
            "opens_at": start.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (start + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "anonymous": "on",
        },
    )
    survey = Survey.objects.get(title="Feedback")
    assert response.status_code == 302 and survey.anonymous and not survey.keep_breakdown
    section = survey.sections.get()
    build_q = reverse("surveys:build_question", kwargs={"slug": "gnm", "pk": survey.pk})
    for text in ("First", "Second"):
        client.post(
            build_q,
            {
                "op": "add",
                "section": section.pk,
                "text": text,
                "kind": "single",
                "options": "Yes\nNo",
                "required": "on",
            },
        )
    first, second = Question.objects.filter(survey=survey).order_by("order")
    client.post(
        build_q,
        {
            "op": "add",
            "section": section.pk,
            "text": "Why not?",
            "kind": "long_text",
            "show_if": first.pk,
            "show_if_values": "No",
        },
    )
    assert Question.objects.get(text="Why not?").show_if == first
    client.post(build_q, {"op": "down", "question": first.pk})
    assert [q.text for q in Question.objects.filter(survey=survey).order_by("order")] == ["Second", "First", "Why not?"]
    refused = client.post(build_q, {"op": "up", "question": Question.objects.get(text="Why not?").pk}, follow=True)
    assert "must come after it" in refused.text
    bad = client.post(
        build_q, {"op": "add", "section": section.pk, "text": "Pick", "kind": "single", "options": "Only"}
    )
    assert bad.status_code == 400 and "Give at least two choices, one per line." in bad.text
    build_s = reverse("surveys:build_section", kwargs={"slug": "gnm", "pk": survey.pk})
    client.post(build_s, {"op": "add", "title": "More"})
    assert survey.sections.count() == 2


def test_a_bad_create_form_names_the_problem(personas):
    response = personas.client_for(personas.organiser).post(
        reverse("surveys:create", kwargs={"slug": "gnm"}),
        {"title": "x", "opens_at": "2027-03-28T02:30", "closes_at": "2027-03-20T10:00"},
    )
    assert response.status_code == 400
    assert "2027-03-28T02:30 does not exist in Europe/Copenhagen: the clocks go forward at that hour." in response.text
    assert Survey.objects.count() == 0


def test_times_are_read_in_the_viewers_zone_and_stored_in_utc(personas):
    client = personas.client_for(personas.organiser)
    client.cookies["convener_tz"] = "Asia/Kathmandu"
    client.post(
        reverse("surveys:create", kwargs={"slug": "gnm"}),
        {"title": "Kathmandu", "opens_at": "2027-03-31T20:45", "closes_at": "2027-04-14T20:45", "anonymous": "on"},
    )
    survey = Survey.objects.get(title="Kathmandu")
    assert survey.opens_at == datetime(2027, 3, 31, 15, 0, tzinfo=UTC)
    page = client.get(url("build", type("B", (), {"survey": survey}))).text
    assert 'value="2027-03-31T20:45"' in page and "In Asia/Kathmandu." in page


def test_the_session_page_asks_how_it_was_once_it_has_ended(personas):
    session = SessionFactory(meeting=personas.meeting, starts_at=datetime(2027, 3, 25, 13, tzinfo=UTC))
    built = build_survey(personas, session=session, opens=session.starts_at, closes=session.ends_at + timedelta(days=3))
    path = reverse("program:session", kwargs={"slug": "gnm", "pk": session.pk})
    # Sign in inside each travel: a session cookie from today would have expired by March 2027.
    with time_machine.travel(session.ends_at - timedelta(minutes=5), tick=False):
        assert "How was this session?" not in personas.client_for(personas.participant).get(path).text
    with time_machine.travel(session.ends_at + timedelta(minutes=1), tick=False):
        client = personas.client_for(personas.participant)
        page = client.get(path).text
        assert "How was this session?" in page and url("answer", built) in page
        assert "How was this session?" not in personas.client_for(personas.guest).get(path).text
        assert "How was this session?" not in personas.client_for(None).get(path).text
        services.response_submit(survey=built.survey, participant=personas.participant, data=answers(built))
        assert "How was this session?" not in client.get(path).text
    with time_machine.travel(session.ends_at + timedelta(days=4), tick=False):
        assert "How was this session?" not in personas.client_for(personas.facilitator).get(path).text


def test_the_list_shows_open_surveys_and_feedback_by_kind_of_session(personas, live):
    session = SessionFactory(meeting=personas.meeting, kind="panel")
    now = timezone.now()
    feedback = build_survey(
        personas,
        session=session,
        title="Panel feedback",
        opens=now - timedelta(hours=1),
        closes=now + timedelta(days=1),
    )
    services.response_submit(survey=feedback.survey, participant=personas.participant, data=answers(feedback))
    listing = reverse("surveys:list", kwargs={"slug": "gnm"})
    mine = personas.client_for(personas.participant).get(listing).text
    assert "Answer now" in mine and "Session feedback by kind" not in mine
    organiser = personas.client_for(personas.organiser).get(listing).text
    assert "Session feedback by kind of session" in organiser and "8.0" in organiser


JUNK = [
    {},
    {
        "op": "exploded",
        "section": "x",
        "question": "99999999999999999999",
        "layout": "{not json",
        "q-1": ["a", "b"],
        "q-999": "1",
        "title": "x" * 5000,
        "opens_at": "2027-02-30T25:61",
        "kind": "poem",
        "show_if": "abc",
        "min_value": "NaN",
        "confirm": "\x00",
    },
    {"op": "reorder", "layout": '{"1": [true, "x"], "zz": 3}'},
    {"op": "reorder", "layout": "[1, 2]"},
    {"op": "up", "question": "1"},
    {"op": "down", "section": "1"},
    {"op": "delete", "section": "1"},
    {"op": "edit", "question": "1", "kind": "number", "text": "n", "min_value": "5", "max_value": "1"},
    {"op": "add", "section": "1", "kind": "single", "text": "x", "show_if": "2", "show_if_values": "nope"},
]


@pytest.mark.parametrize("who", ["organiser", "participant", "guest", "stranger", None])
def test_no_survey_route_answers_500_to_junk(personas, live, who):
    client = personas.client_for(getattr(personas, who) if who else None)
    pk = live.survey.pk
    names = ["list", "create", "answer", "build", "build_section", "build_question", "results", "csv", "remind"]
    for name in names:
        path = reverse(
            f"surveys:{name}", kwargs={"slug": "gnm"} if name in {"list", "create"} else {"slug": "gnm", "pk": pk}
        )
        assert (
            client.get(
                path,
                {"region": "Asia\x00" + "x" * 500, "node_kind": "alien", "q": "\x00", "edit": "zz", "section": "1"},
            ).status_code
            < 500
        ), path
        for data in JUNK:
            data = {k.replace("q-1", f"q-{live.rating.pk}"): v for k, v in data.items()}
            assert client.post(path, data).status_code < 500, (path, data)


def test_the_evaluation_session_page_points_to_the_meeting_survey(personas, live):
    session = SessionFactory(
        meeting=personas.meeting, kind="evaluation", starts_at=timezone.now() - timedelta(minutes=10)
    )
    path = reverse("program:session", kwargs={"slug": "gnm", "pk": session.pk})
    client = personas.client_for(personas.participant)
    page = client.get(path).text
    assert "How was the meeting?" in page and url("answer", live) in page
    services.response_submit(survey=live.survey, participant=personas.participant, data=answers(live))
    assert "How was the meeting?" not in client.get(path).text


def test_organisers_start_a_session_survey_from_the_session_page(personas):
    session = SessionFactory(meeting=personas.meeting, title="Marine data")
    path = reverse("program:session", kwargs={"slug": "gnm", "pk": session.pk})
    client = personas.client_for(personas.organiser)
    create = reverse("surveys:create", kwargs={"slug": "gnm"}) + f"?session={session.pk}"
    assert create in client.get(path).text.replace("&amp;", "&")
    assert create not in personas.client_for(personas.participant).get(path).text
    form = client.get(create).text
    assert 'value="Feedback: Marine data"' in form and f'<option value="{session.pk}" selected>' in form
    built = build_survey(personas, session=session)
    assert reverse("surveys:results", kwargs={"slug": "gnm", "pk": built.survey.pk}) in client.get(path).text


def test_editing_and_deleting_in_the_builder(personas, live):
    client = personas.client_for(personas.organiser)
    build_q = url("build_question", live)
    page = client.get(url("build", live, edit=live.comment.pk)).text
    assert 'value="One word"' in page and "Save the question" in page
    client.post(build_q, {"op": "edit", "question": live.comment.pk, "text": "Two words", "kind": "short_text"})
    assert Question.objects.get(pk=live.comment.pk).text == "Two words"
    refused = client.post(
        build_q,
        {"op": "edit", "question": live.sessions.pk, "text": "n", "kind": "number", "min_value": "5", "max_value": "1"},
    )
    assert refused.status_code == 400 and "must not be below the smallest" in refused.text
    assert Question.objects.get(pk=live.sessions.pk).text == "Sessions attended"
    blocked = client.post(build_q, {"op": "delete", "question": live.again.pk}, follow=True)
    assert "“What would make you come?” depends on this question" in blocked.text
    client.post(build_q, {"op": "delete", "question": live.why.pk})
    client.post(build_q, {"op": "delete", "question": live.again.pk})
    assert not Question.objects.filter(pk__in=[live.why.pk, live.again.pk]).exists()
    section = live.likert.section
    client.post(url("build_section", live), {"op": "delete", "section": section.pk})
    assert not Question.objects.filter(section_id=section.pk).exists()
    last = client.post(url("build_section", live), {"op": "delete", "section": live.rating.section_id}, follow=True)
    assert "A survey keeps at least one section." in last.text


def test_deleting_a_survey_needs_its_title(personas, live):
    client = personas.client_for(personas.organiser)
    client.post(url("build", live), {"op": "delete", "confirm": "wrong"})
    assert Survey.objects.filter(pk=live.survey.pk).exists()
    client.post(url("build", live), {"op": "delete", "confirm": "Meeting evaluation"})
    assert not Survey.objects.filter(pk=live.survey.pk).exists()


@pytest.mark.parametrize(
    ("opens_at", "zone"),
    [
        ("0001-01-01T00:00", "Europe/Copenhagen"),
        ("0001-01-01T00:00", "Pacific/Kiritimati"),
        ("9999-12-31T23:59", "Pacific/Pago_Pago"),
        ("9999-12-31T23:59", "Pacific/Kiritimati"),
        ("2040-01-01T00:00", "Europe/Copenhagen"),
    ],
)
def test_a_far_off_opening_is_refused_next_to_the_field(personas, opens_at, zone):
    client = personas.client_for(personas.organiser)
    client.cookies["convener_tz"] = zone
    response = client.post(
        reverse("surveys:create", kwargs={"slug": "gnm"}),
        {"title": "Far", "opens_at": opens_at, "closes_at": "2027-04-14T20:45"},
    )
    assert response.status_code == 400
    assert "out of range" in response.text or "must fall between 25 Mar 2026 and 31 Mar 2032" in response.text
    assert Survey.objects.count() == 0


def test_the_service_refuses_a_survey_outside_the_meetings_range(personas):
    from django.core.exceptions import ValidationError

    far = datetime(9999, 12, 31, 0, 0, tzinfo=ZoneInfo("UTC"))
    with pytest.raises(ValidationError) as caught:
        build_survey(personas, opens=far, closes=far.replace(hour=23))
    assert "must fall between" in caught.value.message_dict["opens_at"][0]
    assert Survey.objects.count() == 0
