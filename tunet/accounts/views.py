from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tunet.core.forms import posted
from tunet.core.menu import tasks_for
from tunet.core.rules import attempt, submitted

from . import access, actions, queries, tasks, throttle
from .forms import (
    LoginForm,
    MemberForm,
    NewPasswordForm,
    OrganisationForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SetPasswordForm,
)
from .models import User


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
    if membership is None:
        # No organisation: a participant or a relative, whose start is their own pages.
        return redirect("portal:home")
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
            "can_manage_api_clients": access.can_manage_api_clients(membership, organisation)
            and access.api_client_role(organisation) is not None,
            "invitations": actions.open_member_invitations(organisation).select_related("invited_by")
            if access.can_manage_members(membership, organisation)
            else [],
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
    """Invite a person. The answer is the same whether or not they have an account: they join by
    accepting the invitation, and nothing about an existing account is shown here."""
    organisation = queries.organisation_for(membership, pk, access.can_manage_members)
    form = MemberForm(request.POST or None, organisation=organisation)
    if invited := submitted(request, form, actions.do_invite_member, membership, organisation):
        messages.success(
            request,
            _("The invitation is sent to %(email)s. The person gets the role when they accept it.")
            % {"email": invited.result.email},
        )
        return redirect("accounts:organisation", pk=organisation.pk)
    return render(request, "accounts/member_add.html", {"organisation": organisation, "form": form})


@access.acting()
@require_POST
def member_invitation_withdraw(request, membership, pk, invitation_pk):
    invited = queries.member_invitation_for(membership, pk, invitation_pk)
    if attempt(request, actions.do_withdraw_member_invitation, membership, invited):
        messages.success(request, _("The invitation to %(email)s is withdrawn.") % {"email": invited.email})
    return redirect("accounts:organisation", pk=pk)


@require_http_methods(["GET", "POST"])
def join(request, token):
    """The link in an invitation to an organisation: make a password (no account yet), or accept it
    logged in as the person it was sent to."""
    invited = actions.member_invitation_of(token)
    if invited is None:
        return render(request, "accounts/join_gone.html", status=410)
    context = {"invited": invited, "role": invited.get_role_display()}
    if User.objects.filter(email__iexact=invited.email).exists():
        if request.method == "POST" and request.user.is_authenticated:
            if joined := attempt(request, actions.do_join, request.user, token):
                request.session[access.SESSION_KEY] = joined.result.pk
                messages.success(
                    request, _("Welcome to %(organisation)s.") % {"organisation": invited.organisation.name}
                )
                return redirect("accounts:start")
            return redirect(request.path)
        return render(request, "accounts/join.html", context)
    form = NewPasswordForm(posted(request), user=User(email=invited.email, full_name=invited.full_name))
    if request.method == "POST" and form.is_valid():
        joined = attempt(
            request, actions.do_join_with_new_account, token, form=form, password=form.cleaned_data["password1"]
        )
        if joined:
            login(request, joined.result.user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[access.SESSION_KEY] = joined.result.pk
            messages.success(request, _("Welcome to %(organisation)s.") % {"organisation": invited.organisation.name})
            return redirect("accounts:start")
    return render(request, "accounts/join.html", {**context, "form": form}, status=400 if form.errors else 200)


def _welcome(request, joined):
    """After joining: act for the new organisation straight away."""
    request.session[access.SESSION_KEY] = joined.pk
    messages.success(request, _("Welcome to %(organisation)s.") % {"organisation": joined.organisation.name})
    return redirect("accounts:start")


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
