"""`manage.py load_demo [--reset]`: build the Dutch demo site from `home/demo/content.py`."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.builder import DemoBuilder


class Command(BaseCommand):
    help = (
        "Create or update the Dutch demo site (pages, people, methods, images, site settings). "
        "Safe to run repeatedly; --reset removes the demo content first and rebuilds it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo page tree, demo snippets and demo images, then rebuild.",
        )

    def handle(self, *args, reset=False, **options):
        builder = DemoBuilder()
        # One transaction: a failure halfway leaves the database as it was.
        with transaction.atomic():
            if reset:
                builder.reset()
            summary = builder.build()
        self.stdout.write("\n".join(summary))
