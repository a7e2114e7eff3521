"""Cases: what one visitor entered, in one row; stored letters belong to a case.

Letters stored before this migration were tied to sessions by a capped
list of tokens; they cannot be tied to a case, so they are dropped (they
expired within DJANGO_SESSION_HOURS anyway).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = (("rights_guide", "0001_initial"),)

    operations = (
        migrations.CreateModel(
            name="Case",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=64, unique=True)),
                ("data", models.JSONField(default=dict)),
                ("created_at", models.DateTimeField()),
                ("updated_at", models.DateTimeField()),
                ("expires_at", models.DateTimeField(db_index=True)),
            ],
        ),
        migrations.DeleteModel(name="StoredLetter"),
        migrations.CreateModel(
            name="StoredLetter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=64, unique=True)),
                ("kind", models.CharField(max_length=16)),
                ("snapshot_data", models.JSONField()),
                ("created_at", models.DateTimeField()),
                ("expires_at", models.DateTimeField(db_index=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="letters",
                        to="rights_guide.case",
                    ),
                ),
            ],
        ),
    )
