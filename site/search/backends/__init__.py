"""Search backends of our own, configured in WAGTAILSEARCH_BACKENDS (config/settings/base.py)."""
