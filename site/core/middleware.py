"""Middleware of our own."""

from django.conf import settings
from django.shortcuts import render

from .views import back_path


class OversizedFormPostMiddleware:
    """Answers a form post larger than DATA_UPLOAD_MAX_MEMORY_SIZE with a page that says so, in
    the visitor's language, before anything reads it (Django would answer a bare 400 as soon
    as the CSRF check reads the form). Only urlencoded posts: there the declared length is the
    form's size; a multipart post's also counts files, which the limit leaves out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and self._is_oversized_form(request):
            return render(request, "413.html", {"back_url": back_path(request)}, status=413)
        return self.get_response(request)

    @staticmethod
    def _is_oversized_form(request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is None or request.content_type != "application/x-www-form-urlencoded":
            return False
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        return length > limit
