"""Participants in the demo: Skien kommune's participants at Solbakken gård (one of them protected,
with named people) and a NAV Haugesund participant on a time-limited placement. The names are
made up. Idempotent: skipped when Skien already has participants."""

import datetime

from django.db import transaction
from django.utils import timezone

from tunet.accounts.models import Membership, Role
from tunet.care.models import EndReason, Goal, GoalNote, Participant, Placement, PlacementStatus, RiskAssessment
from tunet.purchasing.models import Agreement, AgreementStatus

SKIEN = [
    # first name, last name, born, address, postcode, allergies, fears, mobility, weekdays
    ("Solveig", "Testrud", 1941, "Lundevegen 4", "3727", "Nøtter", "Store hunder", "Går med rullator", [1, 3]),
    ("Arne", "Prøvesen", 1938, "Bølevegen 19", "3724", "", "Å være alene lenge", "Går godt", [1]),
    ("Gunvor", "Eksempelsen", 1946, "Falkumvegen 2", "3717", "Laktose", "", "Trenger hjelp inn i bilen", [3]),
]


def _member(email, role):
    return Membership.objects.select_related("organisation", "user").filter(user__email=email, role=role).first()


def _agreement(buyer, provider):
    return Agreement.objects.filter(buyer=buyer, farm__provider=provider, status=AgreementStatus.ACTIVE).first()


@transaction.atomic
def load(organisations):
    case_worker = _member("saksbehandler@tunet.example", Role.CASE_WORKER)
    farmer = _member("gardbruker@tunet.example", Role.FARMER)
    staff = _member("ansatt@tunet.example", Role.FARM_STAFF)
    if None in (case_worker, farmer, staff) or Participant.objects.filter(buyer=case_worker.organisation).exists():
        return
    agreement = _agreement(case_worker.organisation, organisations["solbakken"])
    if agreement is None:
        return  # the purchasing demo makes the agreements; without them there is nothing to place on
    today = timezone.localdate()
    started = today - datetime.timedelta(days=90)
    for order, (first, last, born, street, postcode, allergies, fears, mobility, days) in enumerate(SKIEN, 1):
        person = Participant.objects.create(
            buyer=case_worker.organisation,
            first_name=first,
            last_name=last,
            birth_year=born,
            phone=f"400 00 0{order:02d}",
            street_address=street,
            postal_code_id=postcode,
            emergency_name=f"Pårørende {last}",
            emergency_phone=f"400 00 1{order:02d}",
            allergies=allergies,
            fears=fears,
            mobility=mobility,
            protected=order == 3,
            created_by=case_worker.user,
        )
        placement = Placement.objects.create(
            participant=person,
            agreement=agreement,
            weekdays=days,
            start=started,
            status=PlacementStatus.ACTIVE,
            pickup_order=order,
            pickup_time=datetime.time(8, 30 + 10 * (order - 1)),
            referred_by=case_worker.user,
            referred_at=timezone.now() - datetime.timedelta(days=100),
            decided_by=farmer.user,
            referral_note="Liker å stelle dyr og å være ute. Trenger faste rutiner.",
        )
        goal = Goal.objects.create(
            placement=placement,
            title="Være i aktivitet ute to timer hver gårdsdag",
            description="Vi ser det på at deltakeren blir med ut etter kaffen og selv vil fortsette.",
            created_by=case_worker.user,
        )
        GoalNote.objects.create(goal=goal, text="Var med og matet hønene og ble ute til lunsj.", by=staff.user)
        RiskAssessment.objects.create(
            participant=person,
            farm=agreement.farm,
            hazards="Kan gå seg bort på tunet; traktor i bevegelse; glatt underlag om vinteren.",
            measures="Alltid sammen med en ansatt ute; traktoren står når deltakerne er ute; brodder.",
            reviewed_with="Deltakeren og saksbehandler",
            reviewed_on=started,
            updated_by=farmer.user,
        )
        if person.protected:
            person.named_people.set([case_worker.user, farmer.user])
    # One who stopped coming, to show how an ended placement reads.
    ended = Participant.objects.create(
        buyer=case_worker.organisation,
        first_name="Oddvar",
        last_name="Fiktivsen",
        birth_year=1940,
        street_address="Moflatvegen 8",
        postal_code_id="3724",
        created_by=case_worker.user,
    )
    Placement.objects.create(
        participant=ended,
        agreement=agreement,
        weekdays=[1],
        start=started,
        status=PlacementStatus.ENDED,
        ended_on=today - datetime.timedelta(days=20),
        end_reason=EndReason.HEALTH,
        end_note="Flyttet til sykehjem.",
        referred_by=case_worker.user,
        decided_by=farmer.user,
    )
    _nav(organisations, today)


def _nav(organisations, today):
    nav = _member("nav@tunet.example", Role.NAV_ADVISER)
    agreement = nav and _agreement(nav.organisation, organisations["haugaland"])
    if agreement is None:
        return
    person = Participant.objects.create(
        buyer=nav.organisation,
        first_name="Sindre",
        last_name="Oppdiktet",
        birth_year=1996,
        phone="400 00 200",
        street_address="Smedasundet 1",
        postal_code_id="5528",
        mobility="Ingen begrensninger",
        created_by=nav.user,
    )
    Placement.objects.create(
        participant=person,
        agreement=agreement,
        weekdays=agreement.versions.filter(state="signed").first().weekdays[:1],
        start=today - datetime.timedelta(days=40),
        # Ends in 55 days: within the 60-day reminder, so the reminder shows in the demo.
        planned_end=today + datetime.timedelta(days=55),
        status=PlacementStatus.ACTIVE,
        referred_by=nav.user,
        decided_by=_member("gardbruker3@tunet.example", Role.FARMER).user,
    )
