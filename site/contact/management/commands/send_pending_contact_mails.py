"""Send the contact mails that are due (contact/tasks.py): run it every few minutes from cron,
as a safety net beside the worker, or as the only sender where no worker runs."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from contact.models import ContactMail, MailStatus
from contact.tasks import send_due_mails


class Command(BaseCommand):
    help = "Verstuurt de e-mails bij aanvragen die klaarstaan (ook na een mislukte poging)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Probeer ook de opgegeven e-mails opnieuw, bijvoorbeeld na een storing.",
        )

    def handle(self, *args, retry_failed, **options):
        if retry_failed:
            revived = ContactMail.objects.filter(status=MailStatus.FAILED).update(
                status=MailStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
            )
            self.stdout.write(f"{revived} failed mails made pending again.")
        counts = send_due_mails()
        still_pending = ContactMail.objects.filter(status=MailStatus.PENDING).count()
        self.stdout.write(
            f"{counts['sent']} sent, {counts['retry']} failed and will be retried, "
            f"{counts['gave_up']} given up; {still_pending} pending in all."
        )
