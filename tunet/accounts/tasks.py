"""Work for the task worker: the password-reset e-mail.

The person is looked up and the e-mail rendered and sent here, in the worker, never in the request:
then the page answers as fast for an address with an account as for one without, and its timing does
not tell whether someone has an account in Tunet.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django_tasks import task


@task()
def send_password_reset(email: str) -> None:
    """Mail a link to choose a new password to the active account with this e-mail address, if any."""
    from .forms import PasswordResetForm

    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    site = urlsplit(settings.SITE_URL)
    form.save(
        domain_override=site.netloc,
        use_https=site.scheme == "https",
        subject_template_name="accounts/email/password_reset_subject.txt",
        email_template_name="accounts/email/password_reset.txt",
    )
