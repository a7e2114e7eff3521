"""``python manage.py purge_expired``: delete expired sessions and other expired data now."""

from django.core.management.base import BaseCommand

from rights_guide.housekeeping import purge_expired


class Command(BaseCommand):
    help = "Delete expired answers, letters and rate-limit records."

    def handle(self, *args, **options):
        self.stdout.write("Deleted %d expired rows." % purge_expired())
