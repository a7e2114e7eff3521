"""A stored letter is kept once per content: a hash column, filled in, duplicates dropped."""

from django.db import migrations, models


def fill_hashes(apps, schema_editor):
    """Hash every stored letter; of rows with the same content in a case keep the latest."""
    from rights_guide.models import snapshot_hash

    StoredLetter = apps.get_model("rights_guide", "StoredLetter")
    seen = set()
    for row in StoredLetter.objects.order_by("-created_at").iterator():
        digest = snapshot_hash(row.snapshot_data)
        if (row.case_id, digest) in seen:
            row.delete()
            continue
        seen.add((row.case_id, digest))
        row.content_hash = digest
        row.save(update_fields=["content_hash"])


class Migration(migrations.Migration):
    dependencies = (("rights_guide", "0003_evidence_log"),)

    operations = (
        migrations.AddField(
            model_name="storedletter",
            name="content_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(fill_hashes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="storedletter",
            constraint=models.UniqueConstraint(
                fields=("case", "content_hash"), name="stored_letter_once_per_content"
            ),
        ),
    )
