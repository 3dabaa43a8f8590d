"""Editors work in Dutch: the admin speaks Dutch and the content model's labels are Dutch."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from trajecten.models import LeertrajectPage

pytestmark = pytest.mark.django_db


def test_admin_dashboard_is_dutch_by_default(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    assert html.find("html")["lang"] == "nl"
    assert "JavaScript is uitgeschakeld" in html.get_text()


def test_page_type_labels_are_dutch_with_english_translations():
    field = LeertrajectPage._meta.get_field("audience")
    with translation.override("nl"):
        assert str(LeertrajectPage._meta.verbose_name) == "Leertraject"
        assert str(field.verbose_name) == "Voor wie"
    with translation.override("en"):
        assert str(LeertrajectPage._meta.verbose_name) == "Learning track"
        assert str(field.verbose_name) == "Who it is for"
