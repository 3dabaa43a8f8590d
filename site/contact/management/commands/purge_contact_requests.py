"""Delete the contact and intake requests older than the retention period (contact/privacy.py)."""

from django.core.management.base import BaseCommand, CommandError

from contact.privacy import purge_expired_requests, retention_months


class Command(BaseCommand):
    help = (
        "Verwijdert aanvragen (met hun e-mails) die ouder zijn dan "
        "CONTACT_REQUEST_RETENTION_MONTHS maanden."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months", type=int, default=None, help="Default: CONTACT_REQUEST_RETENTION_MONTHS."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, months, dry_run, **options):
        months = retention_months() if months is None else months
        if months < 1:
            raise CommandError("--months must be at least 1.")
        count = purge_expired_requests(months, dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{count} contact requests older than {months} months {verb}.")
