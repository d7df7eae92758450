"""What the participant and placement views share."""

from tunet.accounts import access

# Everyone who follows participants, on the buyer's side or the farm's; the rest see no care page.
FOLLOWS = access.may(access.Perm.FOLLOW_PARTICIPANTS)


def log(request, membership, participant, what):
    """Record the read of the participant's data this page shows, in the same request."""
    access.log_access(request.user, membership, participant, what, request.path)
