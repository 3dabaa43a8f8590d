"""What visitors searched for, per language (site/search/query_log.py), and the editors' report
of it (site/search/reports.py, Rapporten > Zoekopdrachten)."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.contrib.search_promotions.models import Query

from search.models import SearchQueryDay
from search.query import clean_query
from search.query_log import record_search
from search.tasks import purge_search_queries
from tests.search_pages import search_response as search

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/search-queries/"


def counts():
    """{(language, query): (searches, zero result searches)} of today."""
    return {
        (row.language, row.query): (row.searches, row.zero_result_searches)
        for row in SearchQueryDay.objects.filter(date=timezone.localdate())
    }


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def add_day(language, query, days=0, searches=1, zero=0):
    return SearchQueryDay.objects.create(
        language=language,
        query=query,
        date=days_ago(days),
        searches=searches,
        zero_result_searches=zero,
    )


# ---------------------------------------------------------------------------------------------
# Counting


def test_searches_are_counted_per_language_and_normalised_query(client, bilingual):
    search(client, "nl", q="Urban")
    search(client, "nl", q="  URBAN!  ")
    search(client, "en", q="urban")
    assert counts() == {("nl", "urban"): (2, 0), ("en", "urban"): (1, 0)}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_search_without_results_is_counted_as_such(client, bilingual, language):
    search(client, language, q="Onvindbaarwoord")
    search(client, language, q="Urban")
    assert counts() == {(language, "onvindbaarwoord"): (1, 1), (language, "urban"): (1, 0)}


def test_paging_and_filtering_a_search_do_not_count_it_again(client, bilingual):
    search(client, "nl", q="Urban")
    search(client, "nl", q="Urban", page="2")
    search(client, "nl", q="Urban", page="1")
    search(client, "nl", q="Urban", type="leertrajectpage")
    assert counts() == {("nl", "urban"): (1, 0)}


@pytest.mark.parametrize("query", ["", "   ", "!!! ???", "&|*"])
def test_an_empty_search_is_not_counted(client, bilingual, query):
    search(client, "nl", q=query)
    search(client, "nl")
    assert not SearchQueryDay.objects.exists()


def test_counting_a_search_is_one_statement(db):
    # One upsert: no read-then-write that two simultaneous searches could both pass.
    for expected in [1, 2, 3]:
        with CaptureQueriesContext(connection) as context:
            record_search("nl", clean_query("Leiderschap"), found=expected != 2)
        assert len(context.captured_queries) == 1
        row = SearchQueryDay.objects.get()
        assert (row.searches, row.zero_result_searches) == (expected, 1 if expected >= 2 else 0)


def test_only_the_query_is_kept(db):
    fields = {field.name for field in SearchQueryDay._meta.get_fields()}
    assert fields == {"id", "language", "query", "date", "searches", "zero_result_searches"}


def test_counts_older_than_90_days_are_purged(db):
    add_day("nl", "oud", days=91)
    add_day("nl", "net", days=90)
    add_day("en", "nieuw", days=0)
    out = io.StringIO()
    call_command("purge_search_queries", stdout=out)
    assert "1 " in out.getvalue()
    assert set(SearchQueryDay.objects.values_list("query", flat=True)) == {"net", "nieuw"}


def test_the_purge_task_purges_too(db):
    add_day("nl", "oud", days=120)
    add_day("nl", "nieuw", days=1)
    result = purge_search_queries.enqueue()
    assert result.return_value == 1
    assert list(SearchQueryDay.objects.values_list("query", flat=True)) == ["nieuw"]


# ---------------------------------------------------------------------------------------------
# The report


def report_rows(client, **params):
    response = client.get(REPORT_URL, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in soup.select("main table tbody tr")
    ]


@pytest.fixture
def logged(db):
    add_day("nl", "leiderschap", days=0, searches=5)
    add_day("nl", "leiderschap", days=29, searches=2, zero=1)
    add_day("nl", "coaching", days=3, searches=4)
    add_day("nl", "onvindbaar", days=1, searches=1, zero=1)
    add_day("en", "leadership", days=2, searches=6, zero=2)
    add_day("en", "coaching", days=0, searches=1)
    add_day("nl", "vergeten", days=30, searches=50)  # 31 days ago counting today: outside


def test_the_report_lists_the_most_frequent_queries_of_30_days(admin_client, logged):
    assert "Laatste 30 dagen" in admin_client.get(REPORT_URL).content.decode()
    rows = report_rows(admin_client)
    assert rows == [
        ["leiderschap", "Nederlands", "7", "1"],
        ["leadership", "English", "6", "2"],
        ["coaching", "Nederlands", "4", "0"],
        ["coaching", "English", "1", "0"],
        ["onvindbaar", "Nederlands", "1", "1"],
    ]


@pytest.mark.parametrize(
    ("language", "queries"),
    [("nl", ["leiderschap", "coaching", "onvindbaar"]), ("en", ["leadership", "coaching"])],
)
def test_the_report_per_language(admin_client, logged, language, queries):
    rows = report_rows(admin_client, language=language)
    assert [row[0] for row in rows] == queries


@pytest.mark.parametrize(
    ("language", "queries"), [("nl", ["leiderschap", "onvindbaar"]), ("en", ["leadership"])]
)
def test_the_report_of_queries_without_results(admin_client, logged, language, queries):
    rows = report_rows(admin_client, language=language, without_results="true")
    assert [row[0] for row in rows] == queries


def test_the_report_sorts_by_searches_without_results(admin_client, logged):
    rows = report_rows(admin_client, ordering="-times_without_results")
    assert rows[0] == ["leadership", "English", "6", "2"]


def test_the_report_is_in_the_reports_menu_and_wagtails_empty_one_is_not(admin_client):
    response = admin_client.get("/admin/")
    assert REPORT_URL in response.content.decode()
    assert reverse("wagtailsearchpromotions:search_terms") not in response.content.decode()


def test_the_report_escapes_what_visitors_typed(admin_client, db):
    add_day("nl", "<script>alert(1)</script>")
    response = admin_client.get(REPORT_URL)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.fixture
def formula(db):
    for query in ["=HYPERLINK(1)", "+1", "-1", "@SUM(1)", "gewoon"]:
        add_day("nl", query)


def test_the_csv_export_never_contains_a_formula(admin_client, formula):
    response = admin_client.get(REPORT_URL, {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Zoekopdracht",
        "Taal",
        "Aantal keer gezocht",
        "Aantal keer zonder resultaten",
    ]
    queries = sorted(row[0] for row in rows[1:])
    assert queries == sorted(["'=HYPERLINK(1)", "'+1", "'-1", "'@SUM(1)", "gewoon"])


def test_the_xlsx_export_never_contains_a_formula(admin_client, formula):
    response = admin_client.get(REPORT_URL, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [row[0] for row in workbook.active.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)
    assert sorted(cell.value for cell in cells) == sorted(
        ["'=HYPERLINK(1)", "'+1", "'-1", "'@SUM(1)", "gewoon"]
    )


# ---------------------------------------------------------------------------------------------
# Who may see it


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user(username="redacteur", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_an_editor_without_the_promotion_permission_is_refused(client, editor, logged):
    client.force_login(editor)
    for url in [REPORT_URL, REPORT_URL + "?export=csv", REPORT_URL + "results/"]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"leiderschap" not in response.content
    assert REPORT_URL not in client.get("/admin/").content.decode()


def test_an_editor_who_may_promote_results_sees_the_report(client, editor, logged):
    editor.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailsearchpromotions", codename="add_searchpromotion"
        )
    )
    client.force_login(editor)
    assert client.get(REPORT_URL).status_code == 200
    assert REPORT_URL in client.get("/admin/").content.decode()


def test_visitors_are_sent_to_the_login(client, logged):
    response = client.get(REPORT_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_query_in_the_report_opens_its_promoted_results(admin_client, logged):
    response = admin_client.get(REPORT_URL, {"without_results": "true", "language": "nl"})
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.find("a", string=lambda text: text and text.strip() == "onvindbaar")
    opened = admin_client.get(link["href"], follow=True)
    assert opened.status_code == 200
    query = Query.objects.get(query_string="onvindbaar")
    assert opened.redirect_chain[-1][0] == reverse("wagtailsearchpromotions:edit", args=[query.pk])
    assert 'value="onvindbaar"' in opened.content.decode()


def test_only_editors_who_may_promote_get_the_link(client, editor, logged):
    editor.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailsearchpromotions", codename="delete_searchpromotion"
        )
    )
    client.force_login(editor)
    soup = BeautifulSoup(client.get(REPORT_URL).content, "html.parser")
    assert "onvindbaar" in soup.select_one("main table").get_text()
    assert not soup.select("main table tbody a")
    response = client.get(reverse("search_query_promote"), {"q": "onvindbaar"})
    assert response.status_code in (302, 403)
    assert not Query.objects.exists()
