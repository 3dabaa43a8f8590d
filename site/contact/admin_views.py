"""Requests in the Wagtail admin, for the people who handle them (the "Aanvragen" group)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ContactRequest


class ContactRequestViewSet(ModelViewSet):
    model = ContactRequest
    name = "contact_requests"
    url_prefix = "aanvragen"
    icon = "mail"
    menu_label = _("Aanvragen")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "kind", "status", "submitted_at"]
    form_fields = ["status", "notes"]


contact_request_viewset = ContactRequestViewSet()


def request_admin_url(contact_request):
    """The admin page of `contact_request` (its detail view), as a path."""
    return reverse(contact_request_viewset.get_url_name("inspect"), args=[contact_request.pk])
