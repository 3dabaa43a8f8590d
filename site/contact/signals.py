"""Signal handlers of the contact app, connected in ContactConfig.ready()."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import ContactRequest
from .privacy import forget_log_labels


@receiver(post_delete, sender=ContactRequest, dispatch_uid="contact_forget_log_labels")
def forget_deleted_request_in_history(sender, instance, **kwargs):
    forget_log_labels(instance)
