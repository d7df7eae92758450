"""The invitation link: make a password (a new login), or take the invitation up with the login one has."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tunet.accounts.models import User
from tunet.core.forms import posted
from tunet.core.rules import attempt

from .. import actions, forms


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    grant = actions.grant_of_invitation(token)
    if grant is None:
        return render(request, "portal/invitation_gone.html", status=410)
    has_login = User.objects.filter(email__iexact=grant.email).exists()
    if has_login:
        # Someone with a login takes the invitation up once logged in as the person it was sent to.
        if request.method == "POST" and request.user.is_authenticated:
            if attempt(request, actions.do_accept_invitation, request.user, token):
                flash.success(request, _("Welcome. Here are your pages."))
                return redirect("portal:overview", pk=grant.participant_id)
            return redirect(request.path)
        return render(request, "portal/invitation_login.html", {"grant": grant})
    form = forms.NewPasswordForm(posted(request), user=User(email=grant.email, full_name=grant.full_name))
    made = (
        attempt(request, actions.do_create_login, token, form=form, password=form.cleaned_data["password1"])
        if request.method == "POST" and form.is_valid()
        else None
    )
    if made:
        login(request, made.result.user, backend="django.contrib.auth.backends.ModelBackend")
        flash.success(request, _("Welcome. Here are your pages."))
        return redirect("portal:overview", pk=grant.participant_id)
    return render(request, "portal/invitation.html", {"grant": grant, "form": form}, status=400 if form.errors else 200)
