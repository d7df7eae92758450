"""What every app's actions raise when the rules forbid a change now, and how a view shows it.

Actions raise PermissionDenied when the person may never do it (a 403), and NotAllowed when the
rules forbid it at this moment (a closed request, a full farm, a signed version): the view shows
the reason and lets the person carry on.
"""

from django.contrib import messages


class NotAllowed(Exception):
    """A change the rules forbid now; the message says why, in Norwegian."""


def attempt(request, action, *args, **kwargs):
    """Run an action; a refusal by the rules becomes an error message on the page the view returns
    to. Returns what the action returns, or None when it was refused."""
    try:
        return action(*args, **kwargs)
    except NotAllowed as refusal:
        messages.error(request, str(refusal))
        return None
