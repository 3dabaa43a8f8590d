"""Prints the search relevance report (tests/search_relevance.py) against the demo database.

Run after `make demo` (or `manage.py load_demo`) against the same database:

    .venv/bin/python bench/search_relevance.py

The same query set as tests/test_search_relevance.py, through the real search view: a rank per
query, then MRR and hit@3 per language and overall. Figures only; nothing is asserted here.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tests.search_relevance import evaluate, report  # noqa: E402


def main():
    outcomes = evaluate(Client(HTTP_HOST="127.0.0.1:8000"))
    print(report(outcomes, title=f"Search relevance on the demo database ({connection.vendor})"))


if __name__ == "__main__":
    main()
