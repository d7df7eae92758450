"""Views of buying places: thin, they parse the request, call a query or an action, render.

A view gets the membership from access.acting() and its objects from the queries' *_for fetchers,
which refuse whoever may not see them.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.catalogue.models import Farm
from tunet.core.pdf import pdf_response
from tunet.core.rules import attempt, submitted

from . import actions, capacity, forms, queries
from .models import AgreementStatus, VersionState
from .rules import fingerprint

# --- Lists and the buyer guide -------------------------------------------------------------------------


@access.acting()
@require_GET
def overview(request, membership):
    """Each side's requests, offers and agreements, with status and what to do next."""
    return render(request, "purchasing/overview.html", queries.overview_for(membership))


# --- Requests and offers --------------------------------------------------------------------------------


@access.acting(access.can_buy)
@require_http_methods(["GET", "POST"])
def request_new(request, membership):
    form = forms.RequestForm(request.POST or None, buyer=membership.organisation)
    if created := submitted(request, form, actions.do_create_request, membership):
        messages.success(request, _("The request is published. Matching farms in the area have been told."))
        return redirect("purchasing:request", pk=created.result.pk)
    return render(request, "purchasing/request_form.html", {"form": form}, status=400 if form.errors else 200)


@access.acting()
@require_GET
def request_detail(request, membership, pk):
    buying, farm = queries.request_for(membership, pk)
    return _render_request(request, membership, buying, farm)


def _render_request(request, membership, buying, farm, status=200, **forms_in_play):
    context = {"buying": buying, "is_buyer": access.can_manage_request(membership, buying)}
    if context["is_buyer"]:
        context.update(queries.buyer_request_page(buying))
    else:
        context["farm"] = farm
        context["own"] = queries.own_proposal(buying, farm)
        context["can_answer"] = access.can_answer_requests(membership, farm) and buying.status == "open"
        context["proposal_form"] = forms_in_play.get("proposal") or forms.ProposalForm(farm=farm, request=buying)
        context["decline_form"] = forms_in_play.get("decline") or forms.DeclineForm()
        offers = list(context["proposal_form"].fields["service_offer"].queryset)
        free = capacity.free_places([offer.pk for offer in offers], buying.start, buying.end)
        context["offer_free"] = [
            (offer, [(day.weekday_label, free.get(offer.pk, {}).get(day.weekday, 0)) for day in offer.days.all()])
            for offer in offers
        ]
    return render(request, "purchasing/request.html", context, status=status)


@access.acting(access.can_buy)
@require_POST
def request_invite(request, membership, pk, farm_pk):
    # Whether this buyer may invite to this request is the action's question (403 when not).
    buying = queries.request_of(pk)
    farm = get_object_or_404(Farm, pk=farm_pk)
    if attempt(request, actions.do_invite_farm, membership, buying, farm):
        messages.success(request, _("%(farm)s is invited and has been told.") % {"farm": farm.name})
    return redirect(f"{reverse('purchasing:request', args=[buying.pk])}#farm-{farm.pk}")


@access.acting()
@require_http_methods(["GET", "POST"])
def request_cancel(request, membership, pk):
    buying = queries.request_to_manage(membership, pk)
    if request.method == "POST":
        actions.do_cancel_request(membership, buying)
        messages.success(request, _("The request is cancelled."))
        return redirect("purchasing:overview")
    return render(request, "purchasing/request_cancel.html", {"buying": buying})


@access.acting()
@require_POST
def proposal_submit(request, membership, pk):
    buying, farm = queries.request_to_answer(membership, pk)
    form = forms.ProposalForm(request.POST, farm=farm, request=buying)
    if not form.is_valid():
        return _render_request(request, membership, buying, farm, status=400, proposal=form)
    if attempt(request, actions.do_submit_proposal, membership, buying, farm, **form.cleaned_data):
        messages.success(request, _("Your offer is sent to %(buyer)s.") % {"buyer": buying.buyer.name})
    return redirect("purchasing:request", pk=buying.pk)


@access.acting()
@require_POST
def proposal_decline(request, membership, pk):
    buying, farm = queries.request_to_answer(membership, pk)
    form = forms.DeclineForm(request.POST)
    if not form.is_valid():
        return _render_request(request, membership, buying, farm, status=400, decline=form)
    if attempt(request, actions.do_decline_request, membership, buying, farm, form.cleaned_data["reason"]):
        messages.success(request, _("The buyer is told that you say no this time."))
    return redirect("purchasing:request", pk=buying.pk)


@access.acting()
@require_http_methods(["GET", "POST"])
def proposal_accept(request, membership, pk, proposal_pk):
    """Accepting asks for a confirmation: it reserves the places and makes the agreement draft."""
    buying, proposal = queries.proposal_for(membership, pk, proposal_pk)
    if request.method == "POST":
        if accepted := attempt(request, actions.do_accept_proposal, membership, proposal):
            messages.success(
                request, _("The offer is accepted and the places are reserved. Read the agreement and sign it.")
            )
            return redirect("purchasing:agreement", pk=accepted.result.pk)
        return redirect("purchasing:request", pk=buying.pk)
    return render(request, "purchasing/proposal_accept.html", {"buying": buying, "proposal": proposal})


@require_GET
def guide(request):
    """The buyer guide: need → request → offers → agreement → follow-up, with links into the tool."""
    return render(request, "purchasing/guide.html")


# --- Agreements -----------------------------------------------------------------------------------------


def _to_agreement(agreement):
    return redirect("purchasing:agreement", pk=agreement.pk)


@access.acting()
@require_GET
def agreement(request, membership, pk):
    """The standard agreement as it stands, its signatures, what each side must do, and its versions."""
    agreement = queries.agreement_for(membership, pk)
    return render(request, "purchasing/agreement.html", queries.agreement_page(agreement, membership))


@access.acting()
@require_http_methods(["GET", "POST"])
def agreement_edit(request, membership, pk):
    agreement = queries.agreement_to_sign(membership, pk)
    page = queries.agreement_page(agreement, membership)
    draft = page["draft"]
    if draft is None or not page["can_change"]:
        messages.error(request, _("There is no draft to change. To change a signed agreement, make a new version."))
        return _to_agreement(agreement)
    form = forms.AgreementForm(request.POST or None, instance=draft)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(request, actions.do_update_draft, membership, draft, form=form, **form.terms())
    ):
        messages.success(request, _("The draft is saved. Both sides sign it when they agree."))
        return _to_agreement(agreement)
    status = 400 if form.errors else 200
    return render(request, "purchasing/agreement_form.html", {**page, "form": form}, status=status)


@access.acting()
@require_http_methods(["GET", "POST"])
def agreement_sign(request, membership, pk):
    """The confirmation step: the agreement in full, and «I have read it and approve it»."""
    agreement = queries.agreement_to_sign(membership, pk)
    page = queries.agreement_page(agreement, membership)
    draft = page["draft"]
    if page["signed_by_me"]:  # a second click, or back in the browser
        messages.info(request, _("You have signed version %(number)s.") % {"number": draft.number})
        return _to_agreement(agreement)
    if not page["can_sign"]:
        messages.info(request, _("There is nothing for you to sign now."))
        return _to_agreement(agreement)
    form = forms.SignForm(
        request.POST or None, organisation=membership.organisation, initial={"contents": fingerprint(draft)}
    )
    if request.method == "POST" and form.is_valid():
        signed = attempt(request, actions.do_sign_agreement, membership, draft, read=form.cleaned_data["contents"])
        if not signed:
            return redirect("purchasing:agreement_sign", pk=agreement.pk)
        if signed.result.state == VersionState.SIGNED:
            messages.success(request, _("The agreement is signed by both sides and is in force."))
        else:
            messages.success(request, _("Your approval is recorded. The agreement applies when all have signed."))
        return _to_agreement(agreement)
    status = 400 if form.errors else 200
    return render(request, "purchasing/agreement_sign.html", {**page, "form": form}, status=status)


@access.acting()
@require_http_methods(["GET", "POST"])
def agreement_new_version(request, membership, pk):
    """A change to a signed agreement starts as a new version, with a note of what should change."""
    agreement = queries.agreement_to_sign(membership, pk)
    page = queries.agreement_page(agreement, membership)
    if page["draft"] is not None:
        messages.info(request, _("Version %(number)s is being agreed already.") % {"number": page["draft"].number})
        return _to_agreement(agreement)
    if page["current"] is None or not page["can_change"]:
        messages.error(request, _("Only an agreement in force gets a new version."))
        return _to_agreement(agreement)
    form = forms.NewVersionForm(request.POST or None)
    if started := submitted(request, form, actions.do_start_new_version, membership, agreement):
        messages.success(
            request,
            _("Version %(number)s is a draft: change it, then both sign. Version %(current)s applies until then.")
            % {"number": started.result.number, "current": page["current"].number},
        )
        return redirect("purchasing:agreement_edit", pk=agreement.pk)
    status = 400 if form.errors else 200
    return render(request, "purchasing/agreement_new_version.html", {**page, "form": form}, status=status)


@access.acting()
@require_http_methods(["GET", "POST"])
def agreement_cancel(request, membership, pk):
    agreement = queries.agreement_to_sign(membership, pk)
    page = queries.agreement_page(agreement, membership)
    if request.method == "POST":
        if attempt(request, actions.do_cancel_agreement, membership, agreement):
            messages.success(request, _("The agreement is cancelled and the places are free again."))
        return _to_agreement(agreement)
    if not page["can_cancel"]:
        messages.error(request, _("A signed agreement cannot be cancelled. It ends by notice, as the agreement says."))
        return _to_agreement(agreement)
    return render(request, "purchasing/agreement_cancel.html", page)


@access.acting()
@require_http_methods(["GET", "POST"])
def agreement_notice(request, membership, pk):
    """Terminating a signed agreement asks why, says when it will end, and asks for a confirmation."""
    agreement = queries.agreement_to_sign(membership, pk)
    page = queries.agreement_page(agreement, membership)
    if agreement.status != AgreementStatus.ACTIVE or agreement.ends_on is not None:
        return _to_agreement(agreement)
    form = forms.NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if attempt(request, actions.do_give_notice, membership, agreement, form.cleaned_data["note"]):
            messages.success(request, _("The agreement is terminated. The other side is told."))
        return _to_agreement(agreement)
    return render(
        request,
        "purchasing/agreement_notice.html",
        {**page, "form": form, "ends_on": queries.notice_ends_on(agreement)},
        status=400 if form.errors else 200,
    )


@access.acting()
@require_GET
def agreement_pdf(request, membership, pk, number):
    """Every version as PDF, signed or not, for both sides of the agreement."""
    agreement = queries.agreement_for(membership, pk)
    version = access.found(next((v for v in agreement.version_list if v.number == number), None))
    return pdf_response(
        "pdf/agreement.html",
        queries.agreement_document(agreement, version),
        _("Agreement %(buyer)s %(farm)s version %(number)s")
        % {"buyer": agreement.buyer.name, "farm": agreement.farm.name, "number": number},
        request,
    )


@access.acting(access.can_set_signing_rule)
@require_http_methods(["GET", "POST"])
def signing_rule(request, membership):
    """A buyer's administrator sets whether two people must approve each agreement."""
    # Unticking the only box posts no field at all: bind on the method, not on whether POST is empty.
    data = request.POST if request.method == "POST" else None
    form = forms.SigningRuleForm(data, instance=queries.signing_rule_of(membership.organisation))
    if submitted(request, form, actions.do_set_signing_rule, membership):
        messages.success(request, _("The signing rule is saved."))
        return redirect("purchasing:signing_rule")
    return render(
        request, "purchasing/agreement_signing_rule.html", {"form": form, "organisation": membership.organisation}
    )
