"""Buying places in the demo: two agreements in force (Skien kommune with Solbakken gård for day
care for people with dementia, NAV Haugesund with Haugaland Grønt arbeid for work training) and an
open request from Skien for work training. Idempotent: skipped when the demo buyers have requests."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tunet.accounts.models import Membership, Role
from tunet.catalogue.models import Farm, ServiceArea, TargetGroup
from tunet.purchasing import actions
from tunet.purchasing.models import PriceModel, Proposal, ProposalStatus, Request


def _member(email, role):
    return Membership.objects.select_related("organisation", "user").get(user__email=email, role=role)


def _agreement(buyer, farmer, farm, *, title, area, group, weekdays, places, price_model, price, transport, days_ago):
    today = timezone.localdate()
    started = today - datetime.timedelta(days=days_ago)
    request = Request.objects.create(
        buyer=buyer.organisation,
        created_by=buyer.user,
        title=title,
        service_area=area,
        target_group=TargetGroup.objects.get(code=group),
        places=places,
        weekdays=weekdays,
        start=started,
        months=36,
        transport_needed=transport,
        answer_by=started - datetime.timedelta(days=14),
        description="Rolige dager med meningsfullt arbeid, felles lunsj og tett oppfølging.",
    )
    request.municipalities.set([farm.municipality_id])
    offer = farm.offers.filter(service_area=area, target_groups__code=group).first()
    proposal = Proposal.objects.create(
        request=request,
        farm=farm,
        service_offer=offer,
        status=ProposalStatus.SUBMITTED,
        price_model=price_model,
        price=Decimal(price),
        places=places,
        weekdays=weekdays,
        transport=transport,
        created_by=farmer.user,
        note="Vi henter og kjører hjem i gårdens minibuss." if transport else "",
    )
    agreement = actions.do_accept_proposal(buyer, proposal)
    version = agreement.versions.get()
    # The agreement began some time ago: its first version runs from the request's start.
    version.start = started
    version.end = started.replace(year=started.year + 3) - datetime.timedelta(days=1)
    version.save()
    agreement.reservations.update(start=version.start, end=version.end)
    actions.do_sign_agreement(buyer, version)
    actions.do_sign_agreement(farmer, version)
    return agreement


@transaction.atomic
def load(organisations):
    case_worker = _member("saksbehandler@tunet.example", Role.CASE_WORKER)
    if Request.objects.filter(buyer=case_worker.organisation).exists():
        return
    farmer = _member("gardbruker@tunet.example", Role.FARMER)
    _agreement(
        case_worker,
        farmer,
        Farm.objects.get(provider=organisations["solbakken"]),
        title="Dagtilbud for hjemmeboende med demens",
        area=ServiceArea.HEALTH,
        group="demens",
        weekdays=[1, 3],
        places=3,
        price_model=PriceModel.PER_ATTENDED_DAY,
        price="850",
        transport=True,
        days_ago=120,
    )
    nav = _member("nav@tunet.example", Role.NAV_ADVISER)
    farmer3 = _member("gardbruker3@tunet.example", Role.FARMER)
    _agreement(
        nav,
        farmer3,
        Farm.objects.get(provider=organisations["haugaland"]),
        title="Arbeidstrening i grønt arbeid",
        area=ServiceArea.WORK,
        group="arbeidssokere",
        weekdays=[0, 3],
        places=2,
        price_model=PriceModel.PER_PLACE_MONTH,
        price="9500",
        transport=False,
        days_ago=60,
    )
    # An open request waiting for answers: farms near Skien with work training see it.
    today = timezone.localdate()
    Request.objects.create(
        buyer=case_worker.organisation,
        created_by=case_worker.user,
        title="Arbeidstrening for unge voksne",
        service_area=ServiceArea.WORK,
        target_group=TargetGroup.objects.get(code="psykisk-helse-rus"),
        places=2,
        weekdays=[2, 4],
        start=today + datetime.timedelta(days=45),
        months=12,
        answer_by=today + datetime.timedelta(days=20),
        near_id="4003",
        radius_km=50,
        description="Unge voksne som trenger en rolig start: fysisk arbeid ute, faste rammer og god veiledning.",
    )
