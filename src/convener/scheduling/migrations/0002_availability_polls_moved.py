# Availability polls now belong to the availability app (its 0001 took over
# their state; the tables stay until availability 0002 renames them).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0001_initial"),
        ("availability", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="PollAnswer"),
                migrations.DeleteModel(name="PollOption"),
                migrations.DeleteModel(name="AvailabilityPoll"),
            ],
        ),
    ]
