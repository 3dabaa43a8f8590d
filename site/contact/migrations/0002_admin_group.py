"""The "Aanvragen" group: the people who handle contact and intake requests in the admin.

Django creates a model's permissions after all migrations have run, so the ones the group
needs are made here (with the names Django would give them; it then leaves them alone).
"""

from django.db import migrations

GROUP_NAME = "Aanvragen"
REQUEST_PERMISSIONS = {
    "view_contactrequest": "Can view Aanvraag",
    "change_contactrequest": "Can change Aanvraag",
    "delete_contactrequest": "Can delete Aanvraag",
    "export_contactrequest": "Kan aanvragen exporteren",
}


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    request_type, _created = ContentType.objects.get_or_create(
        app_label="contact", model="contactrequest"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=request_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in REQUEST_PERMISSIONS.items()
    ]
    admin_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    access_admin, _created = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*permissions, access_admin)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # After Wagtail's migrations that give every admin group the right to choose documents
        # and images: this group handles requests and needs neither.
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
