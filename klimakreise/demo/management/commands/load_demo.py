from django.conf import settings
from django.core.management.base import BaseCommand

from klimakreise.demo.loader import ORGANIZER_EMAIL, ORGANIZER_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create or update the demo data (two Magdeburg editions and an upcoming one)."

    def handle(self, *args, **options):
        ctx = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {len(ctx.editions)} editions."))
        self.stdout.write(f"Open {settings.SITE_URL}/")
        self.stdout.write(f"Organizer login: {ORGANIZER_EMAIL} / {ORGANIZER_PASSWORD}")
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            self.stdout.write(f"Emails are written to {settings.EMAIL_FILE_PATH}")
