from django.db import migrations


def create_content_locales(apps, schema_editor):
    """Both content languages exist from the start, so editors can translate right away."""
    Locale = apps.get_model("wagtailcore", "Locale")
    for language_code in ("nl", "en"):
        Locale.objects.get_or_create(language_code=language_code)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_content_locales, migrations.RunPython.noop)]
