"""Notifications: in the app (the header's «Varsler») and by e-mail, sent through the task API.

notify() is the one way to tell people something. Reminders pass a key, so running the daily
task twice, or two workers at once, tells each person once.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from .models import Notification


def notify(users, *, title, body="", url="", key=""):
    """Tell each user (in the app and by e-mail). Returns the notifications that were new."""
    users = {user.pk: user for user in users if user is not None and user.is_active}
    if not users:
        return []
    wanted = [Notification(user_id=pk, title=title, body=body, url=url, key=key) for pk in users]
    if key:
        already = set(Notification.objects.filter(user_id__in=users, key=key).values_list("user_id", flat=True))
        wanted = [n for n in wanted if n.user_id not in already]
    created = []
    for notification in wanted:
        # One savepoint each: a worker that raced us to the same key leaves the others untouched.
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:  # the key was taken by a concurrent run
            if not key:
                raise
            continue
        created.append(notification)
    if created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return created


@task()
def send_notification_emails(notification_ids):
    """Send the e-mail for each notification not yet e-mailed (safe to run again)."""
    for notification in Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related(
        "user"
    ):
        link = f"{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else ""
        message = "\n\n".join(part for part in (notification.body, link) if part)
        send_mail(notification.title, message, None, [notification.user.email])
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def unread_count(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def for_user(user, limit=100):
    return list(Notification.objects.filter(user=user)[:limit])


def mark_read(user, notification_id=None):
    """Mark one (or, without an id, every) notification of this user as read."""
    notifications = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        notifications = notifications.filter(pk=notification_id)
    return notifications.update(read_at=timezone.now())


def mark_read_and_get(user, notification_id):
    """The user's own notification, now marked read; None if it is not theirs."""
    mark_read(user, notification_id)
    return Notification.objects.filter(user=user, pk=notification_id).first()
