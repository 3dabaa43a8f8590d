"""The contact and intake form: what a visitor may send, cleaned before anything is stored.

Two kinds of request share one form (`kind`):

- a contact question needs a name, an email address, a message and consent;
- an intake needs an organisation, a name, an email address and consent, and says what it is
  about: a track, modules of interest or wishes in the message (at least one of them).

Fields that do not belong to the kind sent are dropped. Text is cleaned the same way
everywhere: control characters go (NUL included; a tab becomes a space), a line break is kept
in the message only and refused in every one-line field (they end up in mail headers).
Tracks and modules are the ones a visitor may see, in the visitor's language, through the
LinkResolver: an id of another language's version is refused.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.links import fallback_note
from trajecten.models import LeertrajectPage, ModulePage

from . import spam
from .mail import single_address
from .models import (
    KIND_PARAMETER,
    SOURCE_PARAMETER,
    TRACK_PARAMETER,
    ContactRequest,
    RequestKind,
)

# Line breaks of any kind: refused in one-line fields, made "\n" in the message.
LINE_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Other control characters (C0, DEL, C1): removed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
PHONE_CHARACTERS = re.compile(r"[0-9 +\-()]+")
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 6, 20
MAX_GROUP_SIZE = 500

# Only shown, checked and kept for the kind of request they belong to.
INTAKE_FIELDS = ("role", "track", "modules", "group_size", "preferred_period")
CONTACT_FIELDS = ("subject",)


def _model_max_length(name):
    return ContactRequest._meta.get_field(name).max_length


def _without_controls(value):
    return CONTROL_CHARACTERS.sub("", value.replace("\t", " "))


class TextField(forms.CharField):
    """Text as typed, with our message for one that is too long."""

    default_error_messages = {
        "max_length": _("Dit is te lang: maximaal %(limit_value)d tekens, nu %(show_value)d."),
    }


class SingleLineField(TextField):
    """One line of text: control characters removed, a line break refused."""

    def to_python(self, value):
        value = super().to_python(value)
        if LINE_BREAKS.search(value.strip()):
            raise ValidationError(_("Gebruik één regel, zonder regeleinden."), code="line_break")
        return _without_controls(value).strip()


class MultiLineField(TextField):
    """Text with paragraphs: line breaks kept (as "\\n"), other control characters removed."""

    def to_python(self, value):
        value = super().to_python(value)
        return _without_controls(LINE_BREAKS.sub("\n", value)).strip()


class CleanEmailField(forms.EmailField):
    """One email address the confirmation can be sent to (contact.mail.single_address); one
    with control characters in it is refused, not repaired."""

    def to_python(self, value):
        value = super().to_python(value)
        if CONTROL_CHARACTERS.search(value) or LINE_BREAKS.search(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value

    def validate(self, value):
        super().validate(value)
        if value and single_address(value) is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")


class LenientField(forms.Field):
    """A field the visitor never sees: whatever it holds is taken as text, never refused,
    as nobody could correct it (what it means is decided where it is used)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return value if isinstance(value, str) else ""


def _required(message):
    return {"required": message}


class ContactRequestForm(forms.Form):
    # Read leniently (see `request_kind`): a visitor cannot correct a hidden field.
    kind = LenientField()
    organisation = SingleLineField(
        label=_("Organisatie"),
        max_length=_model_max_length("organisation"),
        required=False,
        error_messages=_required(_("Vul de naam van uw organisatie in.")),
    )
    name = SingleLineField(
        label=_("Naam"),
        max_length=_model_max_length("name"),
        error_messages=_required(_("Vul uw naam in.")),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    role = SingleLineField(
        label=_("Functie"),
        max_length=_model_max_length("role"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = CleanEmailField(
        label=_("E-mailadres"),
        max_length=_model_max_length("email"),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = SingleLineField(
        label=_("Telefoonnummer"),
        max_length=_model_max_length("phone"),
        required=False,
        help_text=_("Niet verplicht. Cijfers, spaties, +, - en haakjes."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    subject = SingleLineField(
        label=_("Onderwerp"), max_length=_model_max_length("subject"), required=False
    )
    track = forms.ChoiceField(label=_("Leertraject"), required=False)
    modules = forms.MultipleChoiceField(
        label=_("Modules waarin u geïnteresseerd bent"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Voor een traject op maat: kies de modules die u aanspreken."),
        error_messages={
            "invalid_choice": _(
                "Een gekozen module staat niet (meer) in de lijst. Kies opnieuw uit de lijst."
            ),
            "invalid_list": _("Kies modules uit de lijst."),
        },
    )
    group_size = forms.IntegerField(
        label=_("Groepsgrootte"),
        required=False,
        min_value=1,
        max_value=MAX_GROUP_SIZE,
        help_text=_("Ongeveer hoeveel deelnemers?"),
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"),
            _("Vul een aantal deelnemers in van 1 tot en met 500."),
        ),
    )
    preferred_period = SingleLineField(
        label=_("Voorkeursperiode"),
        max_length=_model_max_length("preferred_period"),
        required=False,
        help_text=_("Bijvoorbeeld 'najaar 2027'."),
    )
    message = MultiLineField(
        label=_("Uw vraag"),
        max_length=ContactRequest._meta.get_field("message").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming om mijn gegevens te gebruiken zoals beschreven in de privacytekst."
        ),
        error_messages=_required(
            _(
                "Geef toestemming voor het gebruik van uw gegevens; zonder kunnen we uw "
                "aanvraag niet behandelen."
            )
        ),
    )
    # Where the visitor came from (?bron=): a page id, resolved when the request is stored.
    source = LenientField()
    # Spam checks (contact/spam.py): a field people never see, and the signed time trap.
    website = LenientField(
        label=_("Laat dit veld leeg"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = LenientField()

    def __init__(self, *args, resolver, **kwargs):
        super().__init__(*args, **kwargs)
        self.resolver = resolver
        self.token_check = (spam.TokenCheck.MISSING, "")
        self.tracks, self.module_pages = {}, {}
        for name in CONTACT_FIELDS if self.is_intake else INTAKE_FIELDS:
            del self.fields[name]
        if self.is_intake:
            self.tracks = {str(track.pk): track for track in self._visible(LeertrajectPage)}
            self.module_pages = {str(module.pk): module for module in self._visible(ModulePage)}
            self.fields["track"].choices = [
                ("", gettext("Kies een leertraject")),
                *((pk, _labelled(track)) for pk, track in self.tracks.items()),
            ]
            self.fields["modules"].choices = [
                (pk, _labelled(module)) for pk, module in self.module_pages.items()
            ]
            self.fields["organisation"].required = True
            self.fields["message"].label = _("Uw wensen")
            self.fields["message"].help_text = _(
                "Wat wilt u bereiken, met wie, en wat moeten we weten?"
            )
        else:
            self.fields["message"].required = True
            self.fields["message"].error_messages["required"] = _("Schrijf uw vraag.")

    def _visible(self, model):
        """The pages of `model` a visitor may see, in their language where there is one."""
        return self.resolver.localize(model.objects.all()).order_by("title")

    @property
    def request_kind(self):
        """The kind of request: as sent, else as asked for in the initial data."""
        value = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        return value if value in RequestKind.values else RequestKind.CONTACT

    @property
    def is_intake(self):
        return self.request_kind == RequestKind.INTAKE

    # The visible fields in two groups, in the order the form shows them.
    PERSON_FIELDS = ("name", "email", "phone", "organisation", "role")
    REQUEST_FIELDS = ("subject", "track", "modules", "group_size", "preferred_period", "message")

    def person_fields(self):
        return [self[name] for name in self.PERSON_FIELDS if name in self.fields]

    def request_fields(self):
        return [self[name] for name in self.REQUEST_FIELDS if name in self.fields]

    def error_list(self):
        """Every error, in the order the form shows them, for the summary above it:
        (field or None, label, message)."""
        errors = [(None, "", message) for message in self.non_field_errors()]
        shown = [*self.person_fields(), *self.request_fields(), self["consent"]]
        for field in shown:
            label = _("Toestemming") if field.name == "consent" else field.label
            errors += [(field, label, message) for message in field.errors]
        # Any other field's error too (none is expected): a refusal always says why.
        for field in self:
            if field.name not in {shown_field.name for shown_field in shown}:
                errors += [(None, "", message) for message in field.errors]
        return errors

    # -----------------------------------------------------------------------------------------
    # Cleaning

    def clean_kind(self):
        return self.request_kind

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if not phone:
            return phone
        digits = sum(character.isdigit() for character in phone)
        if not PHONE_CHARACTERS.fullmatch(phone) or not (
            MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS
        ):
            raise ValidationError(
                _(
                    "Vul een geldig telefoonnummer in: %(min)s tot %(max)s cijfers, eventueel "
                    "met spaties, +, - of haakjes."
                )
                % {"min": MIN_PHONE_DIGITS, "max": MAX_PHONE_DIGITS},
                code="invalid",
            )
        return phone

    def clean_track(self):
        value = self.cleaned_data["track"]
        return self.tracks[value] if value else None

    def clean_modules(self):
        return [self.module_pages[value] for value in dict.fromkeys(self.cleaned_data["modules"])]

    def clean_source(self):
        """The visible page the visitor came from, or None: an unknown or hidden page is
        simply not recorded (the visitor cannot do anything about it)."""
        return resolve_page_id(self.cleaned_data["source"], self.resolver)

    def clean_form_token(self):
        token = self.cleaned_data["form_token"]
        self.token_check = spam.check_token(token)
        return token

    def clean(self):
        cleaned = super().clean()
        if self.token_check[0] is spam.TokenCheck.EXPIRED:
            # A form left open for hours is most likely a person's: ask them to send it again
            # (with a fresh token) rather than store it as suspected and send no confirmation.
            raise ValidationError(
                _(
                    "Dit formulier stond te lang open. Controleer uw gegevens en verstuur het "
                    "opnieuw."
                ),
                code="expired",
            )
        if self.is_intake:
            about = cleaned.get("track") or cleaned.get("modules") or cleaned.get("message")
            if not about and not self.has_error("track") and not self.has_error("message"):
                self.add_error(
                    "track",
                    ValidationError(
                        _(
                            "Kies een leertraject, vink modules aan of beschrijf uw wensen, "
                            "zodat we weten waar de intake over gaat."
                        ),
                        code="required",
                    ),
                )
        return cleaned

    # -----------------------------------------------------------------------------------------
    # Showing the form again

    def token_for_next_attempt(self):
        """The `form_token` the form is shown with again: the one sent while it still holds,
        so the time trap counts from when the form was first shown; else a fresh one."""
        if self.is_bound:
            token = self.data.get("form_token", "")
            if spam.check_token(token)[0] in (spam.TokenCheck.VALID, spam.TokenCheck.TOO_FAST):
                return token
        return spam.new_token()


def _labelled(page):
    """A choice's label: the page's title, marked when it is shown in another language."""
    note = fallback_note(page)
    return f"{page.title} ({note})" if note else page.title


def resolve_page_id(value, resolver):
    """The page with id `value` (a string from a form or query) as the visitor may see it,
    in their language where there is one; None for anything else."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    page = Page.objects.filter(pk=int(value)).first()
    return resolver.resolve_one(page) if page is not None else None


def initial_from_query(query, resolver):
    """The form's initial data from the contact page's query string, and notices for the
    visitor (an asked-for track that cannot be chosen).

    `?soort=intake` opens the intake; `?traject=<id>` (a track in any language, resolved to
    the visitor's) implies it, and for a tailor-made track ticks its programme's modules;
    `?bron=<id>` is the page the visitor came from.
    """
    initial = {"kind": RequestKind.CONTACT, "source": query.get(SOURCE_PARAMETER, "")[:20]}
    notices = []
    if query.get(KIND_PARAMETER) == RequestKind.INTAKE:
        initial["kind"] = RequestKind.INTAKE
    if TRACK_PARAMETER in query:
        initial["kind"] = RequestKind.INTAKE
        track = resolve_page_id(query.get(TRACK_PARAMETER), resolver)
        track = track.specific if track is not None else None
        if isinstance(track, LeertrajectPage):
            initial["track"] = str(track.pk)
            initial["modules"] = [str(module.pk) for module in track.get_intake_modules(resolver)]
        else:
            notices.append(
                gettext(
                    "Het leertraject waar u vandaan kwam, kunnen we hier niet (meer) tonen. "
                    "Kies een leertraject uit de lijst of beschrijf uw wensen."
                )
            )
    return initial, notices
