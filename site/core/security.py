"""Security headers of our own: the admin's Content-Security-Policy."""

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with CONTENT_SECURITY_POLICY_ADMIN for the Wagtail admin.

    The admin writes inline scripts and styles of its own, which the public policy refuses; the
    public site gets the strict CONTENT_SECURITY_POLICY, without per-request nonces (whole
    pages are cached). A view's own csp decorator still wins over both.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if is_admin_path(request.path_info):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        elif getattr(request, "is_dummy", False):
            # A preview: Wagtail renders the page through the middleware with a stand-in request
            # (Page.make_preview_request) and the admin shows it in a frame of its own. The
            # public policy, as the page will have it, but framed by the admin.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


def is_admin_path(path):
    return path.startswith(reverse("wagtailadmin_home"))
