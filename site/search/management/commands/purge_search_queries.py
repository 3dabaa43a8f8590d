"""Delete the search counts of more than 90 days ago (search/query_log.py)."""

from django.core.management.base import BaseCommand, CommandError

from search.query_log import KEEP_DAYS, purge_old_searches


class Command(BaseCommand):
    help = "Verwijdert de zoekopdrachten van langer dan 90 dagen geleden."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=KEEP_DAYS)

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        deleted = purge_old_searches(days)
        self.stdout.write(f"{deleted} search query rows older than {days} days deleted.")
