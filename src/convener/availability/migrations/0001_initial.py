# Availability polls moved from the scheduling app to an app of their own.
# The tables already exist (scheduling 0001): this migration only tells the
# model state where they now live; 0002 renames the tables.

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("people", "0002_initial"),
        ("program", "0001_initial"),
        ("scheduling", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="AvailabilityPoll",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=200)),
                        ("description", models.TextField(blank=True)),
                        (
                            "duration_minutes",
                            models.PositiveSmallIntegerField(
                                default=60,
                                validators=[
                                    django.core.validators.MinValueValidator(15, "A slot lasts at least 15 minutes."),
                                    django.core.validators.MaxValueValidator(
                                        480, "A slot lasts at most 480 minutes (8 hours)."
                                    ),
                                ],
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
                                default="draft",
                                max_length=10,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="polls_created",
                                to="people.participant",
                            ),
                        ),
                        (
                            "meeting",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="polls", to="program.meeting"
                            ),
                        ),
                        (
                            "session",
                            models.ForeignKey(
                                blank=True,
                                help_text="The session this poll plans, if any.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="polls",
                                to="program.session",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "availability poll",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "scheduling_availabilitypoll",
                    },
                ),
                migrations.CreateModel(
                    name="PollOption",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("starts_at", models.DateTimeField()),
                        (
                            "poll",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="options",
                                to="availability.availabilitypoll",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["starts_at"],
                        "db_table": "scheduling_polloption",
                    },
                ),
                migrations.CreateModel(
                    name="PollAnswer",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "answer",
                            models.CharField(
                                choices=[("yes", "Yes"), ("maybe", "If need be"), ("no", "No")], max_length=5
                            ),
                        ),
                        ("answered_at", models.DateTimeField(auto_now=True)),
                        (
                            "participant",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="poll_answers",
                                to="people.participant",
                            ),
                        ),
                        (
                            "option",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="answers",
                                to="availability.polloption",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "scheduling_pollanswer",
                    },
                ),
                migrations.AddConstraint(
                    model_name="polloption",
                    constraint=models.UniqueConstraint(
                        fields=("poll", "starts_at"), name="one_option_per_start_and_poll"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="pollanswer",
                    constraint=models.UniqueConstraint(
                        fields=("option", "participant"), name="one_answer_per_option_and_person"
                    ),
                ),
            ],
        ),
    ]
