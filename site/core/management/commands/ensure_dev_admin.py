"""Create (or reset) the development-only admin login that `make demo` prints."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEV_USERNAME = "admin"
DEV_PASSWORD = "admin"


class Command(BaseCommand):
    help = "Maakt de beheerder admin/admin aan, alleen in ontwikkeling (DEBUG aan)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a development admin login with DEBUG off.")
        user, _created = get_user_model().objects.get_or_create(
            username=DEV_USERNAME, defaults={"email": "admin@example.org"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(DEV_PASSWORD)
        user.save()
        self.stdout.write(
            f"Development-only admin login: http://127.0.0.1:8000/admin/ "
            f"user '{DEV_USERNAME}', password '{DEV_PASSWORD}'"
        )
