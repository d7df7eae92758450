from django.core.management.base import BaseCommand

from tunet.demo import load as demo


class Command(BaseCommand):
    help = "Load the demo organisations, logins, farms and offers (idempotent)."

    def handle(self, *args, **options):
        demo.load()
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Logins are listed in README.md."))
