"""Throttled passwords: admin logins (django-axes) and page passwords (Wagtail's
PageViewRestriction), each answered with a page that says why and for how long.

Page-password attempts are counted in the cache; when the cache is down they are let through
(logged), as the contact form's rate limit is: a visitor must never be refused for that.
"""

import hashlib
import logging
import math

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from wagtail import views as wagtail_views

logger = logging.getLogger(__name__)


def client_address(request):
    # REMOTE_ADDR only: a forwarded-for header is the client's to choose. Behind a proxy the
    # server sets REMOTE_ADDR to the real client (e.g. gunicorn's forwarded_allow_ips).
    # django-axes reads the same (its default AXES_IPWARE_META_PRECEDENCE_ORDER).
    return request.META.get("REMOTE_ADDR", "")


def too_many_attempts(request, template, seconds):
    """429 with `template`, which tells to try again in `minutes`; Retry-After for machines."""
    response = render(request, template, {"minutes": math.ceil(seconds / 60)}, status=429)
    response["Retry-After"] = str(int(seconds))
    return response


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE)."""
    return too_many_attempts(
        request,
        "core/admin/login_locked_out.html",
        settings.AXES_COOLOFF_TIME.total_seconds(),
    )


class PagePasswordAttempts:
    """Failed passwords from one address for one PageViewRestriction, in a window of
    PAGE_PASSWORD_WINDOW seconds from the first. Keyed by the restriction, not the page: one
    password guards every page beneath it, so trying other pages gains nothing."""

    def __init__(self, request, restriction_id):
        address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
        self.key = f"page-password:{restriction_id}:{address}"

    def exhausted(self):
        try:
            failures = cache.get(self.key, 0)
        except Exception:
            logger.warning("Page password: cache unavailable, attempts not limited", exc_info=True)
            return False
        return failures >= settings.PAGE_PASSWORD_ATTEMPTS

    def count_failure(self):
        try:
            if not cache.add(self.key, 1, timeout=settings.PAGE_PASSWORD_WINDOW):
                cache.incr(self.key)
        except ValueError:
            pass  # expired between add and incr: the window is over
        except Exception:
            logger.warning("Page password: cache unavailable, failure not counted", exc_info=True)

    def clear(self):
        try:
            cache.delete(self.key)
        except Exception:
            logger.warning("Page password: cache unavailable, attempts not cleared", exc_info=True)


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's password form view, refused for a while after PAGE_PASSWORD_ATTEMPTS wrong
    passwords. Wagtail answers a right password with a redirect, a wrong one with the form."""
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    attempts = PagePasswordAttempts(request, page_view_restriction_id)
    if attempts.exhausted():
        return too_many_attempts(
            request, "wagtailcore/password_locked_out.html", settings.PAGE_PASSWORD_WINDOW
        )
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code == 200:
        attempts.count_failure()
    elif response.status_code == 302:
        attempts.clear()
    return response
