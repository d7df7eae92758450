from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tunet.core.menu import tasks_for
from tunet.core.rules import attempt, submitted

from . import access, actions, queries, tasks, throttle
from .forms import (
    LoginForm,
    MemberForm,
    OrganisationForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SetPasswordForm,
)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Many failures from one address, over any accounts, is someone trying one password on many.
        if throttle.address_is_throttled(request):
            return lockout(request)
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a new password answers the same, and does the same work, whether or not the address has
    an account: the e-mail goes through the task queue (tasks.send_password_reset), which looks the person
    up. Limited per client address (429) and per e-mail address (silently: no more e-mails)."""

    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        address = throttle.client_address(request)
        if not throttle.within_limit("password-reset-address", address, settings.PASSWORD_RESET_ADDRESS_LIMIT):
            return render(request, "accounts/too_many_requests.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"].lower()
        if throttle.within_limit("password-reset-email", email, settings.PASSWORD_RESET_EMAIL_LIMIT):
            tasks.send_password_reset.enqueue(email)
        return redirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@access.acting()
def start(request, membership):
    steps = tasks_for(membership)
    return render(request, "accounts/start.html", {"membership": membership, "steps": steps})


@login_required
@require_POST
def switch(request):
    chosen = actions.do_switch_membership(request, _int(request.POST.get("membership")))
    if chosen is None:
        messages.error(request, _("You cannot act on behalf of that organisation."))
    else:
        messages.success(
            request,
            _("You now act as %(role)s in %(organisation)s.")
            % {"role": chosen.get_role_display().lower(), "organisation": chosen.organisation.name},
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("accounts:start")
    return redirect(next_url)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@access.acting()
def organisation(request, membership, pk):
    organisation = queries.organisation_for(membership, pk)
    return render(
        request,
        "accounts/organisation.html",
        {
            "organisation": organisation,
            "members": queries.members_of(organisation),
            "can_manage": access.can_manage_organisation(membership, organisation),
            "can_manage_members": access.can_manage_members(membership, organisation),
        },
    )


@access.acting()
@require_http_methods(["GET", "POST"])
def organisation_edit(request, membership, pk):
    organisation = queries.organisation_for(membership, pk, access.can_manage_organisation)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if submitted(request, form, actions.do_update_organisation, membership, organisation):
        messages.success(request, _("The details are saved."))
        return redirect("accounts:organisation", pk=organisation.pk)
    return render(request, "accounts/organisation_edit.html", {"organisation": organisation, "form": form})


@access.acting()
@require_http_methods(["GET", "POST"])
def member_add(request, membership, pk):
    organisation = queries.organisation_for(membership, pk, access.can_manage_members)
    form = MemberForm(request.POST or None, organisation=organisation)
    if added := submitted(
        request, form, actions.do_add_member, membership, organisation, site_url=request.build_absolute_uri("/")
    ):
        new_membership, created_user = added.result
        if created_user:
            messages.success(
                request,
                _("%(name)s is added. We have sent an e-mail to %(email)s with a link to choose a password.")
                % {"name": new_membership.user.full_name, "email": new_membership.user.email},
            )
        else:
            messages.success(
                request,
                _("%(name)s already has an account and now has the role %(role)s here.")
                % {"name": new_membership.user.full_name, "role": new_membership.get_role_display().lower()},
            )
        return redirect("accounts:organisation", pk=organisation.pk)
    return render(request, "accounts/member_add.html", {"organisation": organisation, "form": form})


@access.acting()
@require_http_methods(["GET", "POST"])
def member_remove(request, membership, pk, membership_pk):
    target = queries.membership_to_remove(membership, pk, membership_pk)
    if request.method == "POST" and attempt(request, actions.do_remove_member, membership, target):
        messages.success(
            request,
            _("%(name)s no longer has the role %(role)s in %(organisation)s.")
            % {
                "name": target.user.full_name,
                "role": target.get_role_display().lower(),
                "organisation": target.organisation.name,
            },
        )
        return redirect("accounts:organisation", pk=pk)
    return render(request, "accounts/member_remove.html", {"target": target})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if submitted(request, form, actions.do_update_profile, request.user):
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "all_memberships": access.memberships(request)})


def lockout(request, credentials=None, *args, **kwargs):
    """Shown by django-axes instead of the login page while an address is locked out."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
