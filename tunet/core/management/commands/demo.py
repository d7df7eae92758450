from django.core.management.base import BaseCommand

from tunet.accounts import demo as accounts_demo


class Command(BaseCommand):
    help = "Load the demo organisations, logins and data (idempotent)."

    def handle(self, *args, **options):
        accounts_demo.load()
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Logins are listed in README.md."))
