"""The search app in the admin: the report of visitors' queries (search/reports.py)."""

from django.urls import path
from wagtail import hooks

from search.reports import SearchQueryReportView, promote_query, report_menu_item


@hooks.register("register_admin_urls")
def search_query_report_urls():
    return [
        path(
            "reports/search-queries/", SearchQueryReportView.as_view(), name="search_query_report"
        ),
        path(
            "reports/search-queries/results/",
            SearchQueryReportView.as_view(results_only=True),
            name="search_query_report_results",
        ),
        path("reports/search-queries/promote/", promote_query, name="search_query_promote"),
    ]


hooks.register("register_reports_menu_item", report_menu_item)


@hooks.register("construct_reports_menu")
def hide_unused_search_terms_report(request, menu_items):
    # Wagtail's own "Search terms" report counts Query.add_hit, which the site does not call:
    # its counts per language are in ours.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
