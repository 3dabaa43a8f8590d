"""Delete everything stored for one email address (contact/privacy.py)."""

from django.core.management.base import BaseCommand, CommandError

from contact.privacy import delete_person_data, requests_for_email


class Command(BaseCommand):
    help = "Verwijdert alles wat over één e-mailadres is opgeslagen (hoofdletterongevoelig)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email, yes, **options):
        found = requests_for_email(email).count()
        if not found:
            self.stdout.write(f"No contact requests stored for {email}.")
            return
        if not yes:
            try:
                answer = input(
                    f"Delete {found} contact requests of {email} and their mails? [y/N] "
                )
            except EOFError:  # no terminal to answer from
                answer = ""
            if answer.strip().lower() not in ("y", "yes", "j", "ja"):
                raise CommandError("Nothing deleted (confirm, or pass --yes).")
        deleted = delete_person_data(email)
        self.stdout.write(f"{deleted} contact requests of {email} deleted.")
