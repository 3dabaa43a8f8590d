"""Django for a bench script, set up as production serves it."""

import os
import warnings


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    # As in production: no debug machinery, connections kept between requests (connecting anew
    # for each request would be timed as the work measured).
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "600")
    # WhiteNoise's warning that `collectstatic` has not run: irrelevant to a bench.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
