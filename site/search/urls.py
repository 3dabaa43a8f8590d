from django.urls import path
from django.utils.translation import gettext_lazy as _

from search.autocomplete import autocomplete
from search.views import search

urlpatterns = [
    # Translated: /zoeken/ in Dutch, /en/search/ in English.
    path(_("zoeken/"), search, name="search"),
    path(_("zoeken/suggesties/"), autocomplete, name="search_suggestions"),
]
