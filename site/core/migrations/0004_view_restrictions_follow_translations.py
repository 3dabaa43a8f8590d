"""Give every translation of a restricted page the same view restrictions (see core/signals.py).

Pages made private after they were translated left their translations public (wagtail#11015).
"""

from django.db import migrations


def copy_restrictions_to_translations(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    for restriction in PageViewRestriction.objects.select_related("page"):
        translations = Page.objects.filter(
            translation_key=restriction.page.translation_key
        ).exclude(pk=restriction.page_id)
        for translation in translations:
            if PageViewRestriction.objects.filter(page=translation).exists():
                continue
            copy = PageViewRestriction.objects.create(
                page=translation,
                restriction_type=restriction.restriction_type,
                password=restriction.password,
            )
            copy.groups.set(restriction.groups.all())


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_snippet_drafts"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(copy_restrictions_to_translations, migrations.RunPython.noop),
    ]
