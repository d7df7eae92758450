"""The participant's own pages in the demo: Solveig Testrud (Skien kommune, at Solbakken gård) has a
login of her own, and her daughter Kari a relative's login with consent to see the farm days, report
absence, see goals and be contacted, but not to see the records. A goal and a note are shared, last
month's «How is it going?» is answered and this month's is waiting, and the farm has written a message.
Idempotent: skipped when any access exists."""

import datetime

from django.db import transaction
from django.utils import timezone

from tunet.accounts.models import Membership, Role, User
from tunet.care.models import Goal, GoalNote, Participant, PlacementStatus
from tunet.portal.models import AccessKind, CheckIn, ConsentFrom, Message, PortalAccess
from tunet.portal.queries import period_of

from .accounts import DEMO_PASSWORD

PARTICIPANT_EMAIL = "deltaker@tunet.example"
RELATIVE_EMAIL = "parorende@tunet.example"
ALL = ("sees_days", "reports_absence", "sees_goals", "may_be_contacted", "sees_records")


@transaction.atomic
def load():
    solveig = Participant.objects.filter(first_name="Solveig", last_name="Testrud").first()
    placement = solveig and solveig.placements.filter(status=PlacementStatus.ACTIVE).first()
    case_worker = Membership.objects.filter(user__email="saksbehandler@tunet.example", role=Role.CASE_WORKER).first()
    farmer = Membership.objects.filter(user__email="gardbruker@tunet.example", role=Role.FARMER).first()
    if placement is None or case_worker is None or farmer is None or PortalAccess.objects.exists():
        return
    farm = placement.agreement.farm
    farm.what_to_bring = "Klær etter været og gode sko. Gården har støvler og regntøy du kan låne."
    farm.save(update_fields=["what_to_bring"])
    own = User.objects.create_user(PARTICIPANT_EMAIL, DEMO_PASSWORD, full_name="Solveig Testrud", phone="400 00 001")
    kari = User.objects.create_user(RELATIVE_EMAIL, DEMO_PASSWORD, full_name="Kari Testrud", phone="400 00 101")
    PortalAccess.objects.create(
        participant=solveig,
        kind=AccessKind.SELF,
        user=own,
        full_name=own.full_name,
        email=own.email,
        recorded_by=case_worker.user,
        **dict.fromkeys(ALL, True),
    )
    PortalAccess.objects.create(
        participant=solveig,
        kind=AccessKind.RELATIVE,
        user=kari,
        full_name=kari.full_name,
        email=kari.email,
        phone=kari.phone,
        relation="datter",
        sees_days=True,
        reports_absence=True,
        sees_goals=True,
        may_be_contacted=True,
        consent_from=ConsentFrom.PARTICIPANT,
        consent_on=timezone.localdate() - datetime.timedelta(days=30),
        recorded_by=case_worker.user,
    )
    Goal.objects.filter(placement=placement).update(shared=True)
    goal = Goal.objects.filter(placement=placement).first()
    GoalNote.objects.create(
        goal=goal, text="Solveig stelte hønene alene i dag, og ble ute hele formiddagen.", shared=True, by=farmer.user
    )
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=15)
    period = period_of(placement, last_month, 1)
    if period is not None:
        CheckIn.objects.create(
            placement=placement,
            period=period,
            enjoys=5,
            feels_safe=4,
            masters=4,
            recommends=5,
            comment="Jeg liker hønene best.",
            answered_by=own,
        )
    Message.objects.create(
        placement=placement,
        author=farmer.user,
        author_label=farm.name,
        text="Hei Solveig! Neste uke baker vi brød. Ta gjerne med et forkle.",
        at=timezone.now() - datetime.timedelta(days=2),
    )
