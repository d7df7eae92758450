from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Enqueue the daily work (deadlines, expiry, reminders) of every app. Run it once a day from cron."

    def handle(self, *args, **options):
        for path in settings.DAILY_TASKS:
            result = import_string(path).enqueue()
            self.stdout.write(f"{path}: {result.status}")
