"""`manage.py demo_messages [--check] [--no-obsolete]`: update the demo's PO translation files.

Builds the Dutch demo site (or finds it already built), extracts the segments of every page and
snippet with wagtail-localize's `TranslationSource`, and merges them into
`home/demo/translations/<language>/<group>.po` like msgmerge: existing translations are kept, new
Dutch texts get an empty translation, a changed text gets its old translation marked fuzzy. The
database is left as it was (everything runs in a transaction that is rolled back).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail_localize.models import StringSegment, TranslationSource

from home.demo.builder import DemoBuilder
from home.demo.memory import (
    Message,
    display_path,
    known_translations,
    merge_catalogue,
    po_path,
    read_catalogue,
)
from home.demo.translate import GROUPS, TARGET_LANGUAGE, demo_objects


class Command(BaseCommand):
    help = (
        "Extract the Dutch texts of the demo site with wagtail-localize and merge them into the "
        "PO files the English demo is built from (existing translations are kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail when a file is out of date or has untranslated entries.",
        )
        parser.add_argument(
            "--no-obsolete",
            action="store_true",
            help="Drop translations of texts the demo no longer uses instead of keeping them "
            "as obsolete (#~) entries.",
        )
        parser.add_argument("--language", default=TARGET_LANGUAGE, help="Target language code.")

    def handle(self, *args, check=False, no_obsolete=False, language=TARGET_LANGUAGE, **options):
        messages = self._extract()
        existing = {group: read_catalogue(po_path(language, group)) for group in messages}
        known = known_translations(existing.values())

        out_of_date, incomplete = [], []
        for group, group_messages in messages.items():
            path = po_path(language, group)
            catalogue, stats = merge_catalogue(
                existing[group],
                group_messages,
                language_code=language,
                group=group,
                known=known,
                keep_obsolete=not no_obsolete,
            )
            text = catalogue.__unicode__()
            current = path.read_text(encoding="utf-8") if path.exists() else None
            changed = text != current
            if changed:
                out_of_date.append(display_path(path))
                if not check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(text, encoding="utf-8")
            if stats.untranslated or stats.fuzzy:
                incomplete.append(display_path(path))
            state = ("would change" if check else "written") if changed else "up to date"
            self.stdout.write(
                f"{display_path(path):<50} {stats.entries:>4} entries, "
                f"{stats.untranslated:>3} untranslated, {stats.fuzzy:>3} fuzzy, "
                f"{stats.obsolete:>3} obsolete  ({state})"
            )

        if check and (out_of_date or incomplete):
            problems = []
            if out_of_date:
                problems.append("out of date: " + ", ".join(out_of_date))
            if incomplete:
                problems.append("untranslated or fuzzy entries: " + ", ".join(incomplete))
            raise CommandError(
                "Demo translations need work (run `manage.py demo_messages` and translate): "
                + "; ".join(problems)
            )

    def _extract(self):
        """Group -> the distinct Dutch texts of that group's objects, in the order they appear."""
        messages = {group: {} for group in GROUPS}
        with transaction.atomic():
            builder = DemoBuilder()
            try:
                builder.build(translate=False)
                for item in demo_objects(builder):
                    source, _created = TranslationSource.update_or_create_from_instance(
                        item.instance
                    )
                    segments = (
                        StringSegment.objects.filter(source=source)
                        .select_related("string", "context")
                        .order_by("order")
                    )
                    group = messages.setdefault(item.group, {})
                    for segment in segments:
                        text = segment.string.data
                        message = group.setdefault(text, Message(text))
                        message.places.append(f"{item.label}: {segment.context.field_path}")
            finally:
                # Leave the database as it was, and the media folder too.
                transaction.set_rollback(True)
                for image in builder.images_created:
                    image.file.delete(save=False)
        return {group: list(texts.values()) for group, texts in messages.items() if texts}
