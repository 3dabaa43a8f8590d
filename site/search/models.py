"""What visitors searched for, per language and day (see search/query_log.py).

Only the cleaned, lower-case query text is kept: no visitor, no address, no time of day.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from search.query import MAX_CHARS


class SearchQueryDay(models.Model):
    """How often one query was searched in one language on one day."""

    # A code of settings.LANGUAGES; the report names it in that language ("Nederlands").
    language = models.CharField(_("taal"), max_length=8)
    query = models.CharField(_("zoekopdracht"), max_length=MAX_CHARS)
    date = models.DateField(_("datum"))
    searches = models.PositiveIntegerField(_("zoekopdrachten"), default=0)
    zero_result_searches = models.PositiveIntegerField(_("zonder resultaten"), default=0)

    class Meta:
        verbose_name = _("zoekopdracht per dag")
        verbose_name_plural = _("zoekopdrachten per dag")
        constraints = [
            # The key of the upsert in search/query_log.py.
            models.UniqueConstraint(
                fields=["language", "query", "date"], name="search_query_day_unique"
            )
        ]
        indexes = [models.Index(fields=["date", "language"], name="search_query_day_date")]

    def __str__(self):
        return f"{self.query} ({self.language}, {self.date})"
