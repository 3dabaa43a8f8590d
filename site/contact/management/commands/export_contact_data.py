"""Print everything stored for one email address as JSON (contact/privacy.py)."""

from django.core.management.base import BaseCommand

from contact.privacy import export_person_json


class Command(BaseCommand):
    help = "Geeft alles wat over één e-mailadres is opgeslagen als JSON (hoofdletterongevoelig)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        self.stdout.write(export_person_json(email))
