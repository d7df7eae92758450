"""The page where an organisation's administrator creates and revokes its API clients."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tunet.accounts import access
from tunet.core.rules import attempt, submitted

from . import actions, queries
from .forms import ClientForm


@access.acting()
@require_http_methods(["GET", "POST"])
def clients(request, membership, pk):
    organisation, shown = queries.clients_of(membership, pk)
    form = ClientForm(request.POST or None)
    created = submitted(request, form, actions.do_create_api_client, membership, organisation)
    context = {
        "organisation": organisation,
        "clients": shown,
        "form": ClientForm() if created else form,
        "may_have_clients": access.api_client_role(organisation) is not None,
    }
    if created:
        # The token is shown here once, never again: the page is not redirected and not stored.
        context["created"], context["token"] = created.result
        context["clients"] = queries.clients_of(membership, pk)[1]
    return render(request, "api/clients.html", context, status=400 if form.errors else 200)


@access.acting()
@require_POST
def revoke(request, membership, pk, client_pk):
    client = queries.client_for(membership, pk, client_pk)
    if attempt(request, actions.do_revoke_api_client, membership, client):
        messages.success(
            request, _("The client «%(name)s» is revoked; its key no longer works.") % {"name": client.name}
        )
    return redirect("api:clients", pk=pk)
