"""Surveys get a draft state. Those that exist already were visible to participants, so they stay published;
the default then becomes False, so a survey made from now on starts as a draft."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="survey",
            name="published",
            field=models.BooleanField(
                default=True,
                help_text="A new survey is a draft that only organisers see; publishing shows it to participants.",
            ),
        ),
        migrations.AlterField(
            model_name="survey",
            name="published",
            field=models.BooleanField(
                default=False,
                help_text="A new survey is a draft that only organisers see; publishing shows it to participants.",
            ),
        ),
    ]
