"""The evidence log: one row per incident, deleted with its case."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = (("rights_guide", "0002_case"),)

    operations = (
        migrations.CreateModel(
            name="LoggedIncident",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField()),
                ("time", models.TimeField()),
                ("target", models.CharField(max_length=32)),
                ("channel", models.CharField(max_length=32)),
                ("description", models.TextField(blank=True)),
                ("caller", models.CharField(blank=True, max_length=64)),
                ("disclosed_debt", models.BooleanField(default=False)),
                ("asked_to_pay", models.BooleanField(default=False)),
                ("after_stop_request", models.BooleanField(default=False)),
                ("tactics", models.JSONField(default=list)),
                ("evidence", models.JSONField(default=list)),
                ("files", models.JSONField(default=list)),
                ("created_at", models.DateTimeField()),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="incidents",
                        to="rights_guide.case",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["case", "day", "time"], name="incident_case_day_time")
                ],
            },
        ),
    )
