"""Survey benchmark: 500 responses from 6 regions, then the results page, its filters and the CSV export.

Builds a meeting with 600 members in 6 regions (national and organisational
nodes) in a temporary SQLite database, an anonymous survey with one question
of every kind (10 questions, one conditional), and 500 responses sent through
the real service (validation, the Respondent row, the Response and its
answers). Then requests the results page, filtered results, a search and
the CSV export in-process through Django's test client as the organiser, and
reports server time (p50, p95, max), SQL queries and size. Not a test: it
prints numbers.

    .venv/bin/python bench/surveys.py [--responses 500] [--requests 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from random import Random

REGIONS = ["Africa", "Asia", "Europe and Central Asia", "Latin America and the Caribbean", "North America", "Oceania"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=500)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="convener-bench-")
    os.makedirs(os.path.join(data_dir, "static"))
    os.environ.update(
        CONVENER_DATA_DIR=data_dir,
        CONVENER_HTTPS="false",
        CONVENER_MANIFEST_STATIC="false",
        CONVENER_ALLOWED_HOSTS="testserver",
        CONVENER_LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="convener.settings",
    )
    import django

    django.setup()
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from convener.people.models import Node, Participant, Region
    from convener.program.models import Meeting
    from convener.surveys import services
    from convener.surveys.models import Question

    call_command("migrate", verbosity=0)
    rng = Random(2021)
    meeting = Meeting.objects.create(
        name="Bench meeting",
        slug="bench",
        start_date=date(2027, 3, 25),
        end_date=date(2027, 3, 31),
        time_zone="Europe/Copenhagen",
    )
    nodes = []
    for order, name in enumerate(REGIONS):
        region = Region.objects.create(name=name, slug=f"r{order}", order=order)
        for kind in (Node.Kind.NATIONAL, Node.Kind.ORGANISATIONAL):
            nodes.append(Node.objects.create(name=f"{name} {kind}", region=region, kind=kind))
    User = get_user_model()
    members = max(600, args.responses)
    User.objects.bulk_create(User(username=f"u{i}", email=f"u{i}@example.org") for i in range(members + 1))
    users = list(User.objects.order_by("pk"))
    Participant.objects.bulk_create(
        Participant(
            meeting=meeting,
            user=user,
            name=f"Person {i}",
            calendar_token=f"t{i}",
            node=nodes[i % len(nodes)],
            role=Participant.Role.ORGANISER if i == 0 else Participant.Role.PARTICIPANT,
        )
        for i, user in enumerate(users)
    )
    people = list(Participant.objects.select_related("node__region").order_by("pk"))
    organiser = people[0]
    now = timezone.now()
    survey = services.survey_create(
        meeting=meeting,
        by=organiser,
        title="Meeting evaluation",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
    )
    section = survey.sections.get()
    K = Question.Kind

    def add(kind: str, text: str, **kwargs: object) -> Question:
        return services.question_add(section=section, by=organiser, kind=kind, text=text, **kwargs)

    rating = add(K.RATING, "Overall rating", required=True)
    again = add(K.SINGLE, "Attend again?", options=["Yes", "Maybe", "No"], required=True)
    why = add(K.LONG_TEXT, "What would make you come?", show_if=again, show_if_values=["Maybe", "No"])
    kinds = add(K.MULTIPLE, "Useful kinds", options=["Panels", "Q&A", "Networking", "Demos", "Regional", "Game show"])
    likert1 = add(K.LIKERT, "The format worked for me")
    likert2 = add(K.LIKERT, "Times suited my zone")
    count = add(K.NUMBER, "Sessions attended", min_value=0, max_value=40)
    word = add(K.SHORT_TEXT, "One word for the meeting")
    keep = add(K.LONG_TEXT, "What should we keep?")
    change = add(K.LONG_TEXT, "What should we change?")
    services.survey_publish(survey=survey, by=organiser)
    words = ["useful", "friendly", "long", "inspiring", "tiring", "global", "practical"]

    start = time.perf_counter()
    for i, person in enumerate(people[1 : args.responses + 1]):
        answer = rng.choice(["Yes", "Yes", "Maybe", "No"])
        data = {
            f"q-{rating.pk}": [str(rng.randint(3, 10))],
            f"q-{again.pk}": [answer],
            f"q-{why.pk}": ["Sessions at better hours for my region, please."],
            f"q-{kinds.pk}": rng.sample(kinds.options, rng.randint(1, 3)),
            f"q-{likert1.pk}": [str(rng.randint(1, 5))],
            f"q-{likert2.pk}": [str(rng.randint(1, 5))],
            f"q-{count.pk}": [str(rng.randint(0, 20))],
            f"q-{word.pk}": [rng.choice(words)],
            f"q-{keep.pk}": [f"Keep the regional sessions and the networking ({i})." if i % 2 else ""],
            f"q-{change.pk}": [f"Fewer evening sessions; number {i}." if i % 3 else ""],
        }
        services.response_submit(survey=survey, participant=person, data=data)
    submit_seconds = time.perf_counter() - start
    print(
        f"{args.responses} responses submitted through the service in {submit_seconds:.1f} s "
        f"({1000 * submit_seconds / args.responses:.1f} ms each)\n"
    )

    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    client.force_login(organiser.user)
    base = f"/m/bench/surveys/{survey.pk}/"
    print(f"{'page':<40} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'queries':>7} {'gzip KB':>8}")
    for label, url in [
        ("results, all responses", base + "results/"),
        ("results, one region", base + "results/?region=Asia"),
        ("results, region + node kind", base + "results/?region=Africa&node_kind=organisational"),
        ("results, search written answers", base + "results/?q=regional"),
        ("CSV export", base + "results.csv"),
    ]:
        client.get(url)
        queries: list[str] = []

        def counting(execute, sql, params, many, context, queries=queries):  # type: ignore[no-untyped-def]
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(args.requests):
            t0 = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(
            f"{label:<40} {statistics.median(timings):7.1f} {p95:7.1f} {timings[-1]:7.1f} "
            f"{len(queries):7d} {len(response.content) / 1024:8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
