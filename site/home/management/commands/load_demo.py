"""`manage.py load_demo [--reset]`: build the demo site.

The Dutch site comes from `home/demo/content.py`; the English site is translated from it with
wagtail-localize, using the PO files in `home/demo/translations/en/` (`manage.py demo_messages`
updates those when the Dutch text changes).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.builder import DemoBuilder


class Command(BaseCommand):
    help = (
        "Create or update the demo site: the Dutch pages, people, methods, images and site "
        "settings, and their English translations (made with wagtail-localize). Safe to run "
        "repeatedly; --reset removes the demo content first and rebuilds it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo page tree, demo snippets and demo images, then rebuild.",
        )

    def handle(self, *args, reset=False, **options):
        builder = DemoBuilder()
        # One transaction: a failure halfway leaves the database as it was. wagtail-localize
        # publishes the English pages when it commits.
        with transaction.atomic():
            if reset:
                builder.reset()
            summary = builder.build()
        self.stdout.write("\n".join(summary))
