from wagtail import hooks

from .admin_views import contact_request_viewset


@hooks.register("register_admin_viewset")
def register_contact_request_viewset():
    return contact_request_viewset
