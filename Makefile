# Two entry points (see README): `make demo` and `make test`. Both install into .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: install demo demo-reset demo-messages test lint format audit messages clean

install: $(INSTALLED)

$(INSTALLED): requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(INSTALLED)

# The demo always runs on the local SQLite file, whatever DATABASE_URL says.
demo: install
	DATABASE_URL= $(PY) manage.py migrate --noinput
	DATABASE_URL= $(PY) manage.py load_demo
	DATABASE_URL= $(PY) manage.py ensure_dev_admin
	DATABASE_URL= $(PY) manage.py runserver 127.0.0.1:8000

demo-reset: install
	DATABASE_URL= $(PY) manage.py migrate --noinput
	DATABASE_URL= $(PY) manage.py load_demo --reset

# Merge the Dutch demo texts into the English PO files (site/home/demo/translations/en/).
demo-messages: install
	DATABASE_URL= $(PY) manage.py migrate --noinput
	DATABASE_URL= $(PY) manage.py demo_messages

# PostgreSQL when DATABASE_URL is set, SQLite (in memory) otherwise.
test: install
	$(PY) -m pytest

# Known vulnerabilities in the installed packages; fails loudly when it could audit nothing.
audit: install
	bash scripts/audit.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Needs GNU gettext; the compiled .mo files are committed so a fresh machine needs none.
messages: install
	$(PY) manage.py makemessages --locale en --no-obsolete \
		--ignore ".venv/*" --ignore "*/migrations/*" --ignore "tests/*"
	$(PY) manage.py compilemessages --ignore ".venv/*"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
