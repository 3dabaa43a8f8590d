"""The admin form of a track: checks that need the whole page, its programme included."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm


class LeertrajectPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        from .models import ProgrammeStep  # the models module imports this form

        steps = self.formsets["programme_steps"]
        if not steps.is_valid():
            return cleaned_data  # each row shows its own errors first
        module_count = sum(
            1
            for row in steps.forms
            if row.cleaned_data
            and not row.cleaned_data.get("DELETE")
            and row.cleaned_data.get("kind") == ProgrammeStep.Kind.MODULE
            and row.cleaned_data.get("module")
        )
        # Wagtail defers required-field validation when an editor saves a draft; publishing,
        # submitting for moderation and workflow actions validate in full, so a track can only
        # go live (or reach a moderator) with a module in its programme.
        if not self.is_deferred_validation and not module_count:
            steps.non_form_errors().append(
                ValidationError(
                    _(
                        "Voeg minstens één module toe aan het programma voordat je het "
                        "leertraject publiceert. Een concept opslaan kan wel."
                    ),
                    code="no_module",
                )
            )
        meeting_count = cleaned_data.get("meeting_count")
        if meeting_count and module_count > meeting_count:
            unit = dict(self.fields["meeting_unit"].choices).get(
                cleaned_data.get("meeting_unit"), ""
            )
            self.add_error(
                "meeting_count",
                ngettext(
                    "Het programma telt %(modules)d module, meer dan %(count)d %(unit)s.",
                    "Het programma telt %(modules)d modules, meer dan %(count)d %(unit)s.",
                    module_count,
                )
                % {"modules": module_count, "count": meeting_count, "unit": unit}
                + " "
                + _("Pas het aantal aan of haal modules uit het programma."),
            )
        return cleaned_data
