"""``python manage.py purge_expired``: delete expired cases, letters, sessions and buckets.

Run it from cron or a systemd timer every few minutes (README.md): nothing
in a visitor's request deletes expired data any more.
"""

from django.core.management.base import BaseCommand

from rights_guide.erasure import keep_reserve
from rights_guide.housekeeping import BATCH, purge_expired


class Command(BaseCommand):
    help = "Delete expired answers, letters, sessions and rate-limit records, in batches."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", type=int, default=BATCH, help="rows per transaction (default %d)" % BATCH
        )

    def handle(self, *args, batch, **options):
        if batch < 1:
            self.stderr.write("--batch must be at least 1.")
            raise SystemExit(2)
        self.stdout.write("Deleted %d expired rows." % purge_expired(batch=batch))
        keep_reserve()
