"""Views of buying places: thin, they parse the request, call a query or an action, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.catalogue.models import Farm
from tunet.catalogue.queries import farm_of
from tunet.core.pdf import pdf_response
from tunet.core.rules import attempt

from . import actions, capacity, forms, matching, queries
from .models import AgreementStatus, VersionState

# --- Lists and the buyer guide -------------------------------------------------------------------------


@login_required
@require_GET
def overview(request):
    """Each side's requests, offers and agreements, with status and what to do next."""
    membership = access.active_membership(request)
    return render(request, "purchasing/overview.html", queries.overview_for(membership))


# --- Requests and offers --------------------------------------------------------------------------------


def _buyer(request):
    membership = access.active_membership(request)
    access.require(access.can_buy(membership))
    return membership


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    membership = _buyer(request)
    form = forms.RequestForm(request.POST or None, buyer=membership.organisation)
    if request.method == "POST" and form.is_valid():
        created = actions.create_request(membership, form)
        messages.success(request, _("The request is published. Matching farms in the area have been told."))
        return redirect("purchasing:request", pk=created.pk)
    return render(request, "purchasing/request_form.html", {"form": form}, status=400 if form.errors else 200)


def _viewer(request, pk):
    """The request and who is looking: its buyer, or a farm it was sent to or matches."""
    membership = access.active_membership(request)
    buying = queries.request_of(pk)
    farm = farm_of(membership)
    access.require(access.can_view_request(membership, buying, farm, matching.farm_may_see(buying, farm)))
    return membership, buying, farm


def _answerer(request, pk):
    """As _viewer, for sending an answer: only those who answer on a farm's behalf."""
    membership, buying, farm = _viewer(request, pk)
    access.require(farm is not None and access.can_answer_requests(membership, farm))
    return membership, buying, farm


@login_required
@require_GET
def request_detail(request, pk):
    membership, buying, farm = _viewer(request, pk)
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


@login_required
@require_POST
def request_invite(request, pk, farm_pk):
    membership = _buyer(request)
    buying = queries.request_of(pk)
    farm = get_object_or_404(Farm, pk=farm_pk)
    if attempt(request, actions.invite, membership, buying, farm):
        messages.success(request, _("%(farm)s is invited and has been told.") % {"farm": farm.name})
    return redirect(f"{reverse('purchasing:request', args=[buying.pk])}#farm-{farm.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def request_cancel(request, pk):
    membership = _buyer(request)
    buying = queries.request_of(pk)
    access.require(access.can_manage_request(membership, buying))
    if request.method == "POST":
        actions.cancel_request(membership, buying)
        messages.success(request, _("The request is cancelled."))
        return redirect("purchasing:overview")
    return render(request, "purchasing/request_cancel.html", {"buying": buying})


@login_required
@require_POST
def proposal_submit(request, pk):
    membership, buying, farm = _answerer(request, pk)
    form = forms.ProposalForm(request.POST, farm=farm, request=buying)
    if not form.is_valid():
        return _render_request(request, membership, buying, farm, status=400, proposal=form)
    if attempt(request, actions.submit_proposal, membership, buying, farm, form):
        messages.success(request, _("Your offer is sent to %(buyer)s.") % {"buyer": buying.buyer.name})
    return redirect("purchasing:request", pk=buying.pk)


@login_required
@require_POST
def proposal_decline(request, pk):
    membership, buying, farm = _answerer(request, pk)
    form = forms.DeclineForm(request.POST)
    if not form.is_valid():
        return _render_request(request, membership, buying, farm, status=400, decline=form)
    if attempt(request, actions.decline, membership, buying, farm, form.cleaned_data["reason"]):
        messages.success(request, _("The buyer is told that you say no this time."))
    return redirect("purchasing:request", pk=buying.pk)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_accept(request, pk, proposal_pk):
    """Accepting asks for a confirmation: it reserves the places and makes the agreement draft."""
    membership = _buyer(request)
    buying = queries.request_of(pk)
    access.require(access.can_manage_request(membership, buying))
    proposal = queries.proposal_of(buying, proposal_pk)
    if request.method == "POST":
        agreement = attempt(request, actions.accept, membership, proposal)
        if agreement:
            messages.success(
                request, _("The offer is accepted and the places are reserved. Read the agreement and sign it.")
            )
            return redirect("purchasing:agreement", pk=agreement.result.pk)
        return redirect("purchasing:request", pk=buying.pk)
    return render(request, "purchasing/proposal_accept.html", {"buying": buying, "proposal": proposal})


@require_GET
def guide(request):
    """The buyer guide: need → request → offers → agreement → follow-up, with links into the tool."""
    return render(request, "purchasing/guide.html")


# --- Agreements -----------------------------------------------------------------------------------------


def _agreement(request, pk):
    """The active membership and the agreement with its versions, if the person may see it."""
    membership = access.active_membership(request)
    agreement = queries.agreement_of(pk)
    access.require(access.can_view_agreement(membership, agreement))
    return membership, agreement


def _signer(request, pk):
    """As _agreement, for the pages that change it: only those who may sign for a side."""
    membership, agreement = _agreement(request, pk)
    access.require(access.can_sign_agreement(membership, agreement))
    return membership, agreement, queries.agreement_page(agreement, membership)


def _to_agreement(agreement):
    return redirect("purchasing:agreement", pk=agreement.pk)


@login_required
@require_GET
def agreement(request, pk):
    """The standard agreement as it stands, its signatures, what each side must do, and its versions."""
    membership, agreement = _agreement(request, pk)
    return render(request, "purchasing/agreement.html", queries.agreement_page(agreement, membership))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, pk):
    membership, agreement, page = _signer(request, pk)
    draft = page["draft"]
    if draft is None or not page["can_change"]:
        messages.error(request, _("There is no draft to change. To change a signed agreement, make a new version."))
        return _to_agreement(agreement)
    form = forms.AgreementForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_draft(membership, draft, form)
        except actions.NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The draft is saved. Both sides sign it when they agree."))
            return _to_agreement(agreement)
    status = 400 if form.errors else 200
    return render(request, "purchasing/agreement_form.html", {**page, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_sign(request, pk):
    """The confirmation step: the agreement in full, and «I have read it and approve it»."""
    membership, agreement, page = _signer(request, pk)
    draft = page["draft"]
    if page["signed_by_me"]:  # a second click, or back in the browser
        messages.info(request, _("You have signed version %(number)s.") % {"number": draft.number})
        return _to_agreement(agreement)
    if not page["can_sign"]:
        messages.info(request, _("There is nothing for you to sign now."))
        return _to_agreement(agreement)
    form = forms.SignForm(
        request.POST or None, organisation=membership.organisation, initial={"contents": actions.fingerprint(draft)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = actions.sign(membership, draft, read=form.cleaned_data["contents"])
        except actions.NotAllowed as refusal:
            messages.error(request, str(refusal))
            return redirect("purchasing:agreement_sign", pk=agreement.pk)
        if version.state == VersionState.SIGNED:
            messages.success(request, _("The agreement is signed by both sides and is in force."))
        else:
            messages.success(request, _("Your approval is recorded. The agreement applies when all have signed."))
        return _to_agreement(agreement)
    status = 400 if form.errors else 200
    return render(request, "purchasing/agreement_sign.html", {**page, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_new_version(request, pk):
    """A change to a signed agreement starts as a new version, with a note of what should change."""
    membership, agreement, page = _signer(request, pk)
    if page["draft"] is not None:
        messages.info(request, _("Version %(number)s is being agreed already.") % {"number": page["draft"].number})
        return _to_agreement(agreement)
    if page["current"] is None or not page["can_change"]:
        messages.error(request, _("Only an agreement in force gets a new version."))
        return _to_agreement(agreement)
    form = forms.NewVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = actions.new_version(membership, agreement, form.cleaned_data["note"])
        except actions.NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Version %(number)s is a draft: change it, then both sign. Version %(current)s applies until then.")
                % {"number": draft.number, "current": page["current"].number},
            )
            return redirect("purchasing:agreement_edit", pk=agreement.pk)
    status = 400 if form.errors else 200
    return render(request, "purchasing/agreement_new_version.html", {**page, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_cancel(request, pk):
    membership, agreement, page = _signer(request, pk)
    if request.method == "POST":
        if attempt(request, actions.cancel, membership, agreement):
            messages.success(request, _("The agreement is cancelled and the places are free again."))
        return _to_agreement(agreement)
    if not page["can_cancel"]:
        messages.error(request, _("A signed agreement cannot be cancelled. It ends by notice, as the agreement says."))
        return _to_agreement(agreement)
    return render(request, "purchasing/agreement_cancel.html", page)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_notice(request, pk):
    """Terminating a signed agreement asks why, says when it will end, and asks for a confirmation."""
    membership, agreement, page = _signer(request, pk)
    if agreement.status != AgreementStatus.ACTIVE or agreement.ends_on is not None:
        return _to_agreement(agreement)
    form = forms.NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if attempt(request, actions.give_notice, membership, agreement, form.cleaned_data["note"]):
            messages.success(request, _("The agreement is terminated. The other side is told."))
        return _to_agreement(agreement)
    return render(
        request,
        "purchasing/agreement_notice.html",
        {**page, "form": form, "ends_on": actions.notice_ends_on(agreement)},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def agreement_pdf(request, pk, number):
    """Every version as PDF, signed or not, for both sides of the agreement."""
    _membership, agreement = _agreement(request, pk)
    version = next((v for v in agreement.version_list if v.number == number), None)
    if version is None:
        raise Http404
    return pdf_response(
        "pdf/agreement.html",
        queries.agreement_document(agreement, version),
        _("Agreement %(buyer)s %(farm)s version %(number)s")
        % {"buyer": agreement.buyer.name, "farm": agreement.farm.name, "number": number},
        request,
    )


@login_required
@require_http_methods(["GET", "POST"])
def signing_rule(request):
    """A buyer's administrator sets whether two people must approve each agreement."""
    membership = access.active_membership(request)
    access.require(access.can_set_signing_rule(membership))
    # Unticking the only box posts no field at all: bind on the method, not on whether POST is empty.
    data = request.POST if request.method == "POST" else None
    form = forms.SigningRuleForm(data, instance=queries.signing_rule_of(membership.organisation))
    if request.method == "POST" and form.is_valid():
        actions.set_signing_rule(membership, form.cleaned_data["second_approver_required"])
        messages.success(request, _("The signing rule is saved."))
        return redirect("purchasing:signing_rule")
    return render(
        request, "purchasing/agreement_signing_rule.html", {"form": form, "organisation": membership.organisation}
    )
