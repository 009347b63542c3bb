# The tables of availability polls take their app's name.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("availability", "0001_initial"),
        ("scheduling", "0002_availability_polls_moved"),
    ]

    operations = [
        migrations.AlterModelTable(name="availabilitypoll", table=None),
        migrations.AlterModelTable(name="polloption", table=None),
        migrations.AlterModelTable(name="pollanswer", table=None),
    ]
