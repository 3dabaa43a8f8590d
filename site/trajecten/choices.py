from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackForm(models.TextChoices):
    IN_COMPANY = "in_company", _("In-company")
    OPEN = "open", _("Open inschrijving")
    TAILOR_MADE = "op_maat", _("Op maat")


class MeetingUnit(models.TextChoices):
    DAYS = "dagen", _("dagen")
    MEETINGS = "bijeenkomsten", _("bijeenkomsten")
