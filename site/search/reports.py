"""The editors' report of what visitors searched for (Rapporten > Zoekopdrachten).

Per language, the queries of the last REPORT_DAYS days with how often they were searched and
how often nothing was found: sorted by searches for the most frequent queries, or filtered to
those without results, which are the candidates for a promoted result. Exportable as CSV/XLSX.
Only for editors who may manage promoted results, and superusers; a query links to its promoted
results.
"""

import datetime

import django_filters
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query

from core.spreadsheets import as_text_cell
from search.models import SearchQueryDay
from search.query import clean_query

REPORT_DAYS = 30
PROMOTION_PERMISSIONS = [
    f"wagtailsearchpromotions.{action}_searchpromotion" for action in ("add", "change", "delete")
]


def may_see_report(user):
    return user.is_superuser or any(user.has_perm(perm) for perm in PROMOTION_PERMISSIONS)


def may_promote(user):
    return all(user.has_perm(perm) for perm in PROMOTION_PERMISSIONS[:2])  # add and change


class SearchQueryFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(label=_("Taal"), choices=settings.LANGUAGES)
    without_results = django_filters.BooleanFilter(
        label=_("Zonder resultaten"), method="filter_without_results"
    )

    class Meta:
        model = SearchQueryDay
        fields = []

    def filter_without_results(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(times_without_results__gt=0) if value else queryset


class PromoteQueryColumn(TitleColumn):
    """The query, linked to promoting results for it for editors who may."""

    def get_link_url(self, instance, parent_context):
        if may_promote(parent_context["request"].user):
            return reverse("search_query_promote") + "?" + urlencode({"q": instance["query"]})
        return None


class SearchQueryReportView(ReportView):
    page_title = _("Zoekopdrachten")
    header_icon = "search"
    index_url_name = "search_query_report"
    index_results_url_name = "search_query_report_results"
    filterset_class = SearchQueryFilterSet
    default_ordering = "-times_searched"
    export_filename = "zoekopdrachten"
    columns = [
        PromoteQueryColumn("query", label=_("Zoekopdracht"), sort_key="query"),
        Column(
            "language",
            label=_("Taal"),
            accessor=lambda row: dict(settings.LANGUAGES).get(row["language"], row["language"]),
            sort_key="language",
        ),
        NumberColumn("times_searched", label=_("Aantal keer gezocht"), sort_key="times_searched"),
        NumberColumn(
            "times_without_results",
            label=_("Aantal keer zonder resultaten"),
            sort_key="times_without_results",
        ),
    ]
    list_export = ["query", "language", "times_searched", "times_without_results"]
    export_headings = {
        "query": _("Zoekopdracht"),
        "language": _("Taal"),
        "times_searched": _("Aantal keer gezocht"),
        "times_without_results": _("Aantal keer zonder resultaten"),
    }
    custom_field_preprocess = {
        "query": {ReportView.FORMAT_CSV: as_text_cell, ReportView.FORMAT_XLSX: as_text_cell}
    }

    def get_page_subtitle(self):
        return gettext("Laatste %(days)s dagen") % {"days": REPORT_DAYS}

    def dispatch(self, request, *args, **kwargs):
        if not may_see_report(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs

    def get_base_queryset(self):
        """One row per language and query: the sums over the last REPORT_DAYS days."""
        since = timezone.localdate() - datetime.timedelta(days=REPORT_DAYS - 1)
        rows = (
            SearchQueryDay.objects.filter(date__gte=since)
            .values("language", "query")
            .annotate(
                times_searched=Sum("searches"),
                times_without_results=Sum("zero_result_searches"),
            )
        )
        return rows.order_by()

    def order_queryset(self, queryset):
        # Equal counts in a stable order.
        return queryset.order_by(self.ordering, "query", "language")


class SearchQueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


def report_menu_item():
    return SearchQueryReportMenuItem(
        _("Zoekopdrachten"),
        reverse("search_query_report"),
        name="search-queries",
        icon_name="search",
        order=1300,
    )


def promote_query(request):
    """Open the promoted results of a query from the report: Wagtail's add form cannot be
    filled in from a link, so the query is made (as the form would) and its edit view opened."""
    if not may_promote(request.user):
        return permission_denied(request)
    query = clean_query(request.GET.get("q"))
    if not query.text:
        return redirect("wagtailsearchpromotions:add")
    return redirect("wagtailsearchpromotions:edit", Query.get(query.normalised).pk)
