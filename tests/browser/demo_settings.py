"""The demo's development settings for browser journeys, which fill in a form faster than any
person: the contact form's time trap (contact/spam.py) would mark their requests as suspected."""

from config.settings.dev import *  # noqa: F403

CONTACT_FORM_MIN_SECONDS = 0
