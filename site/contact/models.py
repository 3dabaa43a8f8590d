"""Contact and intake requests: the page visitors send them from, and each request as stored.

A request is saved before anything else happens to it, and its mails are enqueued in the same
transaction as rows of `ContactMail` (an outbox), so a request is never lost when mail is down
and each mail is sent once (see contact/mail.py).
"""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.links import LinkResolver
from core.models import BasePage

from .blocks import ContactTextBlock

# The contact page's query parameters, what calls to action (contact/links.py) send: `?soort=
# intake` opens the intake, `?traject=<page id>` names its track (any language) and `?bron=<page
# id>` the page the visitor came from. The thank-you page gets `?soort=` too.
KIND_PARAMETER = "soort"
TRACK_PARAMETER = "traject"
SOURCE_PARAMETER = "bron"


class ContactPage(RoutablePageMixin, BasePage):
    """The "Contactaanvraag" page: a fixed contact and intake form between editable texts.
    One per language tree, under the home page.

    Its own URL shows the form (`?soort=intake`, `?traject=<id>`, `?bron=<id>`, see
    contact.forms.initial_from_query) and takes it; `bedankt/` thanks the visitor after a
    request is stored (post/redirect/get, nothing personal in the URL).
    """

    # The form carries a CSRF token and a time token per visitor: never from the page cache.
    cache_page = False

    intro = StreamField(ContactTextBlock(), verbose_name=_("Inleiding"), blank=True)
    privacy_text = StreamField(
        ContactTextBlock(),
        verbose_name=_("Privacytekst"),
        help_text=_(
            "Wat er met de gegevens gebeurt. Bij elke aanvraag wordt vastgelegd met welke versie "
            "van deze tekst is ingestemd."
        ),
    )
    thank_you_text = StreamField(
        ContactTextBlock(),
        verbose_name=_("Bedanktekst"),
        help_text=_("Wat de bezoeker ziet nadat de aanvraag is verstuurd."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("privacy_text"),
        FieldPanel("thank_you_text"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    schema_type = "ContactPage"

    class Meta:
        verbose_name = _("Contactaanvraag")
        verbose_name_plural = _("Contactaanvragen")

    @property
    def privacy_version(self):
        """A short fingerprint of the privacy text as it stands: what a consent is given to."""
        text = json.dumps(self.privacy_text.get_prep_value(), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    # Routed views render in the page's own language, like every page (BasePage.serve, which
    # RoutablePageMixin.serve would bypass; its redirect of a cross-language alias does not
    # apply, as a page without children is never one), and a page with a form is never cached.
    def serve(self, request, view=None, args=None, kwargs=None):
        if view is None:
            view, args, kwargs = self.resolve_subpage("/")
        response = self._render_in_own_language(request, view, request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def serve_preview(self, request, mode_name):
        return BasePage.serve_preview(self, request, mode_name)

    @path("")
    def form_view(self, request):
        # Imported here: the form and the submission import this module's models.
        from .forms import ContactRequestForm, initial_from_query
        from .submission import submit

        resolver = LinkResolver.for_request(request)
        notices = []
        if request.method == "POST":
            form = ContactRequestForm(request.POST, resolver=resolver)
            if form.is_valid():
                contact_request = submit(form, request, self)
                query = urlencode({KIND_PARAMETER: contact_request.kind})
                thank_you_url = self.get_url(request) + self.reverse_subpage("thank_you")
                return redirect(f"{thank_you_url}?{query}")
        else:
            initial, notices = initial_from_query(request.GET, resolver)
            form = ContactRequestForm(initial=initial, resolver=resolver)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "form_token": form.token_for_next_attempt(),
                "notices": notices,
            },
        )

    @path("bedankt/", name="thank_you")
    def thank_you_view(self, request):
        kind = request.GET.get(KIND_PARAMETER)
        return self.render(
            request,
            template="contact/contact_page_thank_you.html",
            context_overrides={"is_intake": kind == RequestKind.INTAKE},
        )


class RequestKind(models.TextChoices):
    CONTACT = "contact", _("Contactvraag")
    INTAKE = "intake", _("Intake")


class RequestStatus(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    DONE = "afgehandeld", _("Afgehandeld")


class SpamReason(models.TextChoices):
    """Why a request is suspected (contact/spam.py): stored as codes in `spam_reasons`."""

    HONEYPOT = "honeypot", _("verborgen veld ingevuld")
    TOKEN_MISSING = "token_missing", _("formulierkenmerk ontbreekt of is ongeldig")
    TOO_FAST = "too_fast", _("te snel verstuurd")
    REPLAYED = "replayed", _("formulier al eerder verstuurd")
    RATE_LIMITED = "rate_limited", _("te veel aanvragen vanaf hetzelfde adres")


class ContactRequest(models.Model):
    """One contact question or intake request, as the visitor sent it."""

    kind = models.CharField(_("Soort"), max_length=20, choices=RequestKind.choices)
    status = models.CharField(
        _("Status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    language_code = models.CharField(_("Taal"), max_length=10)
    submitted_at = models.DateTimeField(_("Ontvangen op"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("Gewijzigd op"), auto_now=True)
    # Where it was sent from: the contact page, and the page the visitor came from (a track,
    # a theme, the home page). Kept when those pages are deleted, as their titles.
    contact_page = models.ForeignKey(
        ContactPage,
        verbose_name=_("Contactpagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Vanaf pagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_title = models.CharField(_("Titel van de pagina"), max_length=255, blank=True)

    # The visitor
    name = models.CharField(_("Naam"), max_length=150)
    email = models.EmailField(_("E-mailadres"), max_length=254, db_index=True)
    phone = models.CharField(_("Telefoonnummer"), max_length=40, blank=True)
    organisation = models.CharField(_("Organisatie"), max_length=200, blank=True)
    role = models.CharField(_("Functie"), max_length=150, blank=True)

    # A contact question
    subject = models.CharField(_("Onderwerp"), max_length=200, blank=True)
    message = models.TextField(_("Vraag of wensen"), max_length=5000, blank=True)

    # An intake
    track = models.ForeignKey(
        "trajecten.LeertrajectPage",
        verbose_name=_("Leertraject"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    track_title = models.CharField(_("Titel van het leertraject"), max_length=255, blank=True)
    modules = models.ManyToManyField(
        "trajecten.ModulePage", verbose_name=_("Modules"), blank=True, related_name="+"
    )
    module_titles = models.TextField(_("Titels van de modules"), blank=True)
    group_size = models.PositiveIntegerField(_("Groepsgrootte"), null=True, blank=True)
    preferred_period = models.CharField(_("Voorkeursperiode"), max_length=100, blank=True)

    # Consent: to which version of the privacy text, and when.
    consent_given_at = models.DateTimeField(_("Toestemming gegeven op"))
    privacy_version = models.CharField(_("Versie van de privacytekst"), max_length=32)

    # Spam checks (contact/spam.py): a suspected request is kept, flagged and mails no client.
    is_suspected_spam = models.BooleanField(_("Verdacht (spam)"), default=False, db_index=True)
    spam_reasons = models.CharField(_("Redenen van verdenking"), max_length=200, blank=True)

    notes = models.TextField(
        _("Notities"), blank=True, help_text=_("Alleen zichtbaar voor wie aanvragen behandelt.")
    )

    class Meta:
        verbose_name = _("Aanvraag")
        verbose_name_plural = _("Aanvragen")
        ordering = ["-submitted_at", "-pk"]
        permissions = [("export_contactrequest", _("Kan aanvragen exporteren"))]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name} ({self.submitted_at:%Y-%m-%d})"

    def get_spam_reasons_display(self):
        """The stored reasons of suspicion, as labels ("te snel verstuurd, ...")."""
        labels = dict(SpamReason.choices)
        return ", ".join(
            str(labels.get(code, code)) for code in self.spam_reasons.split(",") if code
        )


class MailKind(models.TextChoices):
    STAFF = "staff", _("Melding aan medewerkers")
    CONFIRMATION = "confirmation", _("Bevestiging aan de aanvrager")


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    SENT = "sent", _("Verzonden")
    FAILED = "failed", _("Mislukt, opgegeven")


class ContactMail(models.Model):
    """A mail a request gives rise to, kept until it is sent: one row per request and kind, so
    a retry never sends it twice."""

    request = models.ForeignKey(
        ContactRequest, verbose_name=_("Aanvraag"), on_delete=models.CASCADE, related_name="mails"
    )
    kind = models.CharField(_("Soort"), max_length=20, choices=MailKind.choices)
    status = models.CharField(
        _("Status"), max_length=20, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("Pogingen"), default=0)
    last_error = models.TextField(_("Laatste fout"), blank=True)
    next_attempt_at = models.DateTimeField(_("Volgende poging"), null=True, blank=True)
    sent_at = models.DateTimeField(_("Verzonden op"), null=True, blank=True)
    created_at = models.DateTimeField(_("Aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("E-mail bij een aanvraag")
        verbose_name_plural = _("E-mails bij aanvragen")
        constraints = [
            models.UniqueConstraint(fields=["request", "kind"], name="contact_mail_once_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.request_id}"


def staff_recipients():
    """Who is told of a new request (CONTACT_REQUEST_RECIPIENTS)."""
    return list(settings.CONTACT_REQUEST_RECIPIENTS)
