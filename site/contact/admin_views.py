"""Requests in the Wagtail admin, for the people who handle them (the "Aanvragen" group).

- The list: name, kind, organisation, track, status, date and a spam flag; filters by kind,
  track, status, date and suspicion; search over what the visitor wrote (a plain `icontains`
  query, the same on SQLite and PostgreSQL: requests are in no search index).
- The detail (inspect) view shows every stored field and the request's mails; the edit form
  only its status and notes: nobody changes what the client sent.
- Nobody adds a request in the admin, superusers included: they only come from the site
  (`ContactRequestPermissionPolicy` refuses "add").
- CSV and XLSX export of the filtered list, for whom has the export permission, every text
  cell neutralised against spreadsheet formulas (core/spreadsheets.py).
- "Gegevens van een persoon": everything stored for one email address, downloaded as JSON or
  deleted after a confirmation (contact/privacy.py).

Who sees any of it: the "Aanvragen" group (contact/migrations/0002_admin_group.py) and
superusers; editors hold none of the permissions, so the menu item is hidden and every URL
answers 403.
"""

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from laces.components import Component
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    StatusFlagColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.spreadsheets import as_text_cell, as_xlsx_text_cell
from trajecten.models import LeertrajectPage

from .models import ContactMail, ContactRequest, RequestStatus
from .privacy import delete_person_data, export_person_json, requests_for_email


def field_label(name):
    return capfirst(ContactRequest._meta.get_field(name).verbose_name)


# ---------------------------------------------------------------------------------------------
# Permissions


class ContactRequestPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions on requests (view, change, delete, export), except "add":
    requests only come from the site, so nobody, superusers included, adds one here."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action != "add"]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


# Registered before the viewset asks for a policy (Wagtail would create a default one then).
register_permission_policy(ContactRequest, ContactRequestPermissionPolicy(ContactRequest))


# ---------------------------------------------------------------------------------------------
# The list


def tracks_with_requests(request):
    """The tracks requests were sent about, for the track filter."""
    requested = ContactRequest.objects.filter(track__isnull=False).values("track")
    return (
        LeertrajectPage.objects.filter(pk__in=requested)
        .select_related("locale")
        .order_by("title", "locale__language_code")
    )


class TrackChoiceField(django_filters.fields.ModelChoiceField):
    # A track and its translation may share a title: the language tells them apart.
    def label_from_instance(self, track):
        return f"{track.title} ({track.locale.language_code})"


class TrackFilter(django_filters.ModelChoiceFilter):
    field_class = TrackChoiceField


class ContactRequestFilterSet(WagtailFilterSet):
    track = TrackFilter(label=field_label("track"), queryset=tracks_with_requests)
    submitted_at = django_filters.DateFromToRangeFilter(
        label=field_label("submitted_at"), widget=DateRangePickerWidget
    )

    class Meta:
        model = ContactRequest
        fields = ["kind", "status", "track", "submitted_at", "is_suspected_spam"]


def yes_no(value):
    return gettext("ja") if value else gettext("nee")


class ContactRequestIndexView(generic.IndexView):
    export_headings = {
        "get_kind_display": field_label("kind"),
        "get_status_display": field_label("status"),
        "get_spam_reasons_display": field_label("spam_reasons"),
    }
    # Every text cell, whatever field it comes from, as text (core/spreadsheets.py).
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        bool: {generic.IndexView.FORMAT_CSV: yes_no, generic.IndexView.FORMAT_XLSX: yes_no},
        str: {
            generic.IndexView.FORMAT_CSV: as_text_cell,
            generic.IndexView.FORMAT_XLSX: as_xlsx_text_cell,
        },
    }

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not self.user_has_permission("export"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def columns(self):
        # The name opens the detail view, where a request is read; editing is one click on.
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "name", label=field_label("name"), sort_key="name", get_url=self.get_inspect_url
            ),
            Column("kind", accessor="get_kind_display", label=field_label("kind"), sort_key="kind"),
            Column("organisation", label=field_label("organisation"), sort_key="organisation"),
            Column("track_title", label=field_label("track"), sort_key="track_title"),
            StatusTagColumn(
                "status",
                accessor="get_status_display",
                label=field_label("status"),
                sort_key="status",
                primary=lambda contact_request: contact_request.status == RequestStatus.NEW,
            ),
            DateColumn("submitted_at", label=field_label("submitted_at"), sort_key="submitted_at"),
            StatusFlagColumn(
                "is_suspected_spam",
                label=_("Spam"),
                true_label=_("Verdacht"),
                sort_key="is_suspected_spam",
            ),
        ]

    @cached_property
    def show_export_buttons(self):
        return self.user_has_permission("export")

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        if self.user_has_permission("export"):
            buttons.append(
                Button(
                    PersonDataView.page_title,
                    url=reverse(contact_request_viewset.get_url_name("person_data")),
                    icon_name="user",
                    priority=110,
                )
            )
        return buttons


# ---------------------------------------------------------------------------------------------
# The detail view


class RequestMails(Component):
    """The mails a request gave rise to, with their state."""

    template_name = "contact/admin/request_mails.html"

    def __init__(self, mails):
        self.mails = mails

    def get_context_data(self, parent_context):
        return {"mails": self.mails}


class ContactRequestInspectView(generic.InspectView):
    multiline_fields = {"message", "module_titles", "notes"}

    def get_field_label(self, field_name, field):
        if field_name == "mails":
            return capfirst(ContactMail._meta.verbose_name_plural)
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name in self.multiline_fields:
            # As the visitor typed it: escaped, its line breaks kept.
            return linebreaksbr(getattr(self.object, field_name), autoescape=True)
        value = super().get_field_display_value(field_name, field)
        return "-" if value is None else value

    def get_language_code_display_value(self):
        code = self.object.language_code
        return dict(settings.LANGUAGES).get(code, code)

    def get_spam_reasons_display_value(self):
        return self.object.get_spam_reasons_display() or "-"

    def get_is_suspected_spam_display_value(self):
        return yes_no(self.object.is_suspected_spam)

    def get_mails_display_value(self):
        return RequestMails(list(self.object.mails.order_by("pk")))


# ---------------------------------------------------------------------------------------------
# Everything stored for one person


class PersonDataForm(forms.Form):
    email = forms.EmailField(label=field_label("email"), max_length=254)


class PersonDataView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Find the requests of one email address; download them as JSON, or delete them after a
    confirmation. Every step is a POST: the address stays out of URLs and server logs."""

    model = ContactRequest
    permission_required = "export"
    template_name = "contact/admin/person_data.html"
    confirm_template_name = "contact/admin/person_data_confirm_delete.html"
    page_title = _("Gegevens van een persoon")
    header_icon = "user"
    form_class = PersonDataForm
    index_url_name = None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(ContactRequest._meta.verbose_name_plural),
            },
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        action = self.request.POST.get("action", "find")
        if action == "export":
            response = HttpResponse(
                export_person_json(email), content_type="application/json; charset=utf-8"
            )
            filename = f"aanvragen-persoon-{timezone.localdate():%Y-%m-%d}.json"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        if action in ("confirm_delete", "delete") and not self.user_has_permission("delete"):
            raise PermissionDenied
        if action == "delete":
            count = delete_person_data(email)
            messages.success(
                self.request,
                ngettext(
                    "%(count)d aanvraag van %(email)s is verwijderd.",
                    "%(count)d aanvragen van %(email)s zijn verwijderd.",
                    count,
                )
                % {"count": count, "email": email},
            )
            return redirect(self.index_url_name)
        context = self.get_context_data(
            form=form,
            email=email,
            found=list(requests_for_email(email).order_by("-submitted_at", "-pk")),
            may_delete=self.user_has_permission("delete"),
        )
        if action == "confirm_delete":
            return self.response_class(
                request=self.request,
                template=[self.confirm_template_name],
                context=context,
                using=self.template_engine,
            )
        return self.render_to_response(context)


# ---------------------------------------------------------------------------------------------
# The viewset


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
    # A request records the pages it was sent from and about; that is no use of those pages
    # (deleting a track must not count it) and needs no reference index work per request.
    add_to_reference_index = False
    index_view_class = ContactRequestIndexView
    inspect_view_class = ContactRequestInspectView
    filterset_class = ContactRequestFilterSet
    search_fields = ["name", "email", "organisation", "subject", "message", "track_title"]
    search_backend_name = None
    form_fields = ["status", "notes"]
    inspect_view_fields = [
        "kind",
        "status",
        "submitted_at",
        "updated_at",
        "language_code",
        "name",
        "email",
        "phone",
        "organisation",
        "role",
        "subject",
        "message",
        "track",
        "track_title",
        "modules",
        "module_titles",
        "group_size",
        "preferred_period",
        "contact_page",
        "source_page",
        "source_title",
        "consent_given_at",
        "privacy_version",
        "is_suspected_spam",
        "spam_reasons",
        "notes",
        "mails",
    ]
    list_export = [
        "id",
        "submitted_at",
        "get_kind_display",
        "get_status_display",
        "language_code",
        "name",
        "email",
        "phone",
        "organisation",
        "role",
        "subject",
        "message",
        "track_title",
        "module_titles",
        "group_size",
        "preferred_period",
        "source_title",
        "consent_given_at",
        "privacy_version",
        "is_suspected_spam",
        "get_spam_reasons_display",
        "notes",
    ]
    export_filename = "aanvragen"

    def get_permissions_to_register(self):
        # No "add" in the group editor: it would grant nothing (see the permission policy).
        return super().get_permissions_to_register().exclude(codename="add_contactrequest")

    @property
    def person_data_view(self):
        return self.construct_view(PersonDataView, index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("persoon/", self.person_data_view, name="person_data"),
        ]


contact_request_viewset = ContactRequestViewSet()


def request_admin_url(contact_request):
    """The admin page of `contact_request` (its detail view), as a path."""
    return reverse(contact_request_viewset.get_url_name("inspect"), args=[contact_request.pk])
