"""The guide's search table; on PostgreSQL, a GIN index over its weighted text-search vector.

The index expression is the one rights_guide.guide.search queries with
(``SearchVector("key_tokens", weight="A", config="simple") +
SearchVector("body_tokens", weight="D", config="simple")``); other
databases have no text-search index and get none.
"""

from django.db import migrations, models

INDEX_NAME = "guide_entry_search_gin"


def _index():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    vector = SearchVector("key_tokens", weight="A", config="simple") + SearchVector(
        "body_tokens", weight="D", config="simple"
    )
    return GinIndex(vector, name=INDEX_NAME)


def add_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("guide", "SearchEntry"), _index())


def remove_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("guide", "SearchEntry"), _index())


class Migration(migrations.Migration):
    initial = True
    dependencies = ()

    operations = (
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("topic", models.CharField(max_length=64)),
                ("language", models.CharField(max_length=8)),
                ("version", models.CharField(max_length=80)),
                ("key_tokens", models.TextField()),
                ("body_tokens", models.TextField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("topic", "language"), name="guide_entry_topic_language"
                    )
                ],
            },
        ),
        migrations.RunPython(add_search_index, remove_search_index),
    )
