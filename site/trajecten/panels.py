"""Admin panels of the track's editor."""

from wagtail.admin.panels import InlinePanel


class ProgrammeStepsPanel(InlinePanel):
    """The programme's rows, each headed by what it holds ("Dag 1 · Samen op pad") instead of
    "Programma-onderdeel N", so that collapsed rows still say which step they are.

    Wagtail gives inline rows one shared heading; the script reads each row's own fields (kind,
    label, title, the chosen module's title) and keeps its heading up to date while editing.
    """

    class BoundPanel(InlinePanel.BoundPanel):
        class Media:
            js = ["js/admin/programme_step_headings.js"]
