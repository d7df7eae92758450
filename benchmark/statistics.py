"""The statistics at national scale, measured on SQLite (indicative; not yet part of `make bench`).

    python -m benchmark.statistics [--rebuild] [--requests 20]

Builds (once, in .bench/statistics.sqlite3, never the project's own database) a synthetic national
data set with what the statistics read: 10,000 farms with approvals and approval events, 30,000
offers with their weekdays, 20,000 requests, 15,000 agreements with reservations, 50,000
participants and placements, 10,000 incidents, and the attendance summary for five years (one row
per agreement and month, what the daily task writes from some 30 million attendance rows). Then it
opens the statistics page of the approval body (the country) and of a county as a logged-in
viewer through Django's test client, and the public page with its daily cache off, and prints the
median and p95 time and the number of queries of each, next to the same at the size of the demo.

Also the daily refresh of the attendance summary: it adds up the last three months of attendance
rows; --attendance N writes N raw rows for those months (default 500,000, a national quarter is
about 1.5 million) and times it.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / ".bench" / "statistics.sqlite3"

FARMS, OFFERS, REQUESTS, AGREEMENTS, PLACEMENTS, INCIDENTS, EVENTS = (
    10_000,
    30_000,
    20_000,
    15_000,
    50_000,
    10_000,
    20_000,
)
MONTHS = 60
SEED = 20_261_204


def setup(rebuild):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tunet.settings")
    DATABASE.parent.mkdir(exist_ok=True)
    if rebuild and DATABASE.exists():
        DATABASE.unlink()
    import django
    from django.conf import settings

    settings.DATABASES["default"] = {
        **settings.DATABASES["default"],
        "NAME": str(DATABASE),
        "ENGINE": "django.db.backends.sqlite3",
        "CONN_MAX_AGE": 0,
    }
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _bulk(model, objects, batch=5_000):
    model.objects.bulk_create(objects, batch_size=batch)


def build():
    from django.db import connection, transaction

    from tunet.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from tunet.approval.models import Approval, ApprovalEvent, ApprovalStatus
    from tunet.care.models import EndReason, Participant, Placement, PlacementStatus
    from tunet.catalogue.models import Farm, OfferDay, ServiceArea, ServiceOffer, TargetGroup
    from tunet.core.models import Municipality
    from tunet.daily.models import Incident, Severity
    from tunet.insights.models import AttendanceMonth
    from tunet.purchasing.models import (
        Agreement,
        AgreementStatus,
        PriceModel,
        Proposal,
        ProposalStatus,
        Request,
        Reservation,
    )

    if Farm.objects.count() >= FARMS:
        return
    rng = random.Random(SEED)
    today = datetime.date.today()
    started = time.perf_counter()
    with transaction.atomic():
        user = User.objects.create_user("bench@tunet.invalid", "bench", full_name="Bench")
        officer = Organisation.objects.create(name="Godkjenningsorganet", kind=OrganisationKind.APPROVAL_BODY)
        Membership.objects.create(user=user, organisation=officer, role=Role.APPROVAL_OFFICER)
        municipalities = list(Municipality.objects.all())
        groups = list(TargetGroup.objects.all())
        areas = ServiceArea.values
        _bulk(
            Organisation,
            [
                Organisation(name=f"Kommune {m.name}", kind=OrganisationKind.MUNICIPALITY, municipality=m)
                for m in municipalities
            ],
        )
        buyers = list(Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY))
        _bulk(Organisation, [Organisation(name=f"Gård {n}", kind=OrganisationKind.PROVIDER) for n in range(FARMS)])
        providers = list(Organisation.objects.filter(kind=OrganisationKind.PROVIDER))
        statuses = rng.choices(
            [ApprovalStatus.APPROVED, ApprovalStatus.SUSPENDED, ApprovalStatus.PENDING, ApprovalStatus.LAPSED],
            [90, 5, 3, 2],
            k=FARMS,
        )
        valid = today + datetime.timedelta(days=365)
        farms = []
        for n, provider in enumerate(providers):
            m = rng.choice(municipalities)
            farms.append(
                Farm(
                    provider=provider,
                    name=f"Gård {n}",
                    municipality=m,
                    latitude=min(max(m.latitude, 57.6), 71.4),
                    longitude=min(max(m.longitude, 4.1), 31.4),
                    listed_until=valid if statuses[n] == ApprovalStatus.APPROVED else None,
                )
            )
        _bulk(Farm, farms)
        farms = list(Farm.objects.all())
        _bulk(
            Approval,
            [
                Approval(farm=farm, status=status, valid_until=valid if status == ApprovalStatus.APPROVED else None)
                for farm, status in zip(farms, statuses, strict=True)
            ],
        )
        approvals = list(Approval.objects.all())
        _bulk(
            ApprovalEvent,
            [
                ApprovalEvent(
                    approval=rng.choice(approvals),
                    from_status=ApprovalStatus.PENDING,
                    to_status=ApprovalStatus.APPROVED,
                    reason="bench",
                    at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=rng.randrange(5 * 365)),
                )
                for _ in range(EVENTS)
            ],
        )
        _bulk(
            ServiceOffer,
            [
                ServiceOffer(farm=rng.choice(farms), title=f"Tilbud {n}", service_area=rng.choice(areas))
                for n in range(OFFERS)
            ],
        )
        offers = list(ServiceOffer.objects.all())
        through = ServiceOffer.target_groups.through
        _bulk(through, [through(serviceoffer=offer, targetgroup=rng.choice(groups)) for offer in offers])
        _bulk(
            OfferDay,
            [
                OfferDay(offer=offer, weekday=day, places=rng.randint(2, 8), opens="09:00", closes="15:00")
                for offer in offers
                for day in rng.sample(range(5), rng.randint(2, 5))
            ],
        )
        _bulk(
            Request,
            [
                Request(
                    buyer=rng.choice(buyers),
                    created_by=user,
                    title="Plasser",
                    service_area=rng.choice(areas),
                    target_group=rng.choice(groups),
                    places=2,
                    weekdays=[1, 3],
                    start=today,
                    answer_by=today,
                )
                for _ in range(REQUESTS)
            ],
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE purchasing_request SET created_at = datetime(created_at, '-' || (id * 7919 % 1825) || ' days')"
            )
        requests = list(Request.objects.all()[:AGREEMENTS])
        proposal_offers = [rng.choice(offers) for _ in requests]
        _bulk(
            Proposal,
            [
                Proposal(
                    request=request,
                    farm_id=offer.farm_id,
                    service_offer=offer,
                    status=ProposalStatus.ACCEPTED,
                    price_model=PriceModel.PER_ATTENDED_DAY,
                    price=1000,
                    places=2,
                    weekdays=[1, 3],
                    created_by=user,
                )
                for request, offer in zip(requests, proposal_offers, strict=True)
            ],
        )
        proposals = list(Proposal.objects.select_related("request"))
        _bulk(
            Agreement,
            [
                Agreement(
                    buyer_id=proposal.request.buyer_id,
                    farm_id=proposal.farm_id,
                    service_offer_id=proposal.service_offer_id,
                    proposal=proposal,
                    status=rng.choices([AgreementStatus.ACTIVE, AgreementStatus.ENDED], [80, 20])[0],
                )
                for proposal in proposals
            ],
        )
        agreements = list(Agreement.objects.all())
        _bulk(
            Reservation,
            [
                Reservation(
                    agreement=a,
                    service_offer_id=a.service_offer_id,
                    weekday=day,
                    places=2,
                    start=today - datetime.timedelta(days=rng.randrange(5 * 365)),
                    end=today + datetime.timedelta(days=rng.randrange(3 * 365)),
                )
                for a in agreements
                for day in (1, 3)
            ],
        )
        _bulk(
            Participant,
            [
                Participant(
                    buyer=rng.choice(buyers), first_name="D", last_name=str(n), birth_year=1960, created_by=user
                )
                for n in range(PLACEMENTS)
            ],
        )
        participants = list(Participant.objects.all())
        placements = []
        reasons = EndReason.values
        for participant in participants:
            start = today - datetime.timedelta(days=rng.randrange(5 * 365))
            ended = rng.random() < 0.4 and start < today - datetime.timedelta(days=30)
            placements.append(
                Placement(
                    participant=participant,
                    agreement=rng.choice(agreements),
                    weekdays=[1, 3],
                    start=start,
                    status=PlacementStatus.ENDED if ended else PlacementStatus.ACTIVE,
                    ended_on=start + datetime.timedelta(days=rng.randrange(30, 400)) if ended else None,
                    end_reason=rng.choice(reasons) if ended else "",
                    referred_by=user,
                )
            )
        for placement in placements:
            if placement.ended_on and placement.ended_on > today:
                placement.ended_on = today
        _bulk(Placement, placements)
        placements = list(Placement.objects.select_related("agreement"))
        _bulk(
            Incident,
            [
                Incident(
                    farm_id=p.agreement.farm_id,
                    placement=p,
                    occurred_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=rng.randrange(5 * 365)),
                    severity=rng.choice(Severity.values),
                    what_happened="bench",
                    reported_by=user,
                )
                for p in rng.sample(placements, INCIDENTS)
            ],
        )
        first = today.replace(day=1)
        months = []
        for _ in range(MONTHS):
            months.append(first)
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        agreements = list(Agreement.objects.select_related("farm__municipality", "service_offer", "proposal__request"))
        _bulk(
            AttendanceMonth,
            [
                AttendanceMonth(
                    agreement=a,
                    buyer_id=a.buyer_id,
                    county_id=a.farm.municipality.county_id,
                    municipality_id=a.farm.municipality_id,
                    service_area=a.service_offer.service_area,
                    target_group_id=a.proposal.request.target_group_id,
                    month=month,
                    present=rng.randint(20, 40),
                    absent_notice=rng.randint(0, 5),
                    no_show=rng.randint(0, 3),
                    sent_home=rng.randint(0, 1),
                )
                for a in agreements
                for month in months
            ],
            batch=10_000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built the national data set in {time.perf_counter() - started:.0f} s", flush=True)


def measure(label, url, client, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"{label:<44} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   {len(queries):3d} queries")
    return {"median": statistics.median(times), "p95": p95, "queries": len(queries)}


def refresh(attendance_rows):
    from django.db import transaction

    from tunet.care.models import Placement
    from tunet.daily.models import Attendance, AttendanceStatus
    from tunet.insights.tasks import first_of_month, refresh_attendance_months

    today = datetime.date.today()
    since = first_of_month(today, 2)
    if Attendance.objects.count() < attendance_rows:
        rng = random.Random(SEED)
        placements = list(Placement.objects.values_list("pk", flat=True)[:20_000])
        days = (today - since).days
        user_id = Placement.objects.values_list("referred_by_id", flat=True).first()
        per = max(1, attendance_rows // len(placements))
        with transaction.atomic():
            Attendance.objects.bulk_create(
                (
                    Attendance(
                        placement_id=pk,
                        date=since + datetime.timedelta(days=offset),
                        status=rng.choice(AttendanceStatus.values),
                        recorded_by_id=user_id,
                    )
                    for pk in placements
                    for offset in sorted(rng.sample(range(days), min(per, days)))
                ),
                batch_size=10_000,
            )
    rows = Attendance.objects.filter(date__gte=since).count()
    started = time.perf_counter()
    written = refresh_attendance_months(since)
    seconds = time.perf_counter() - started
    print(f"daily refresh of the attendance summary: {rows:,} rows -> {written:,} in {seconds:.1f} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--attendance", type=int, default=500_000)
    args = parser.parse_args()
    setup(args.rebuild)
    build()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tunet.accounts.models import User

    setup_test_environment()
    client = Client()
    client.force_login(User.objects.get(email="bench@tunet.invalid"))
    print(f"SQLite, {FARMS:,} farms, {PLACEMENTS:,} placements, {AGREEMENTS * MONTHS:,} agreement-months", flush=True)
    measure("statistics, the whole country", "/statistikk/", client, args.requests)
    measure("statistics, a county (Vestland)", "/statistikk/?county=46", client, args.requests)
    measure("statistics, a municipality (Bergen)", "/statistikk/?county=46&municipality=4601", client, args.requests)
    measure("statistics, country, one target group", "/statistikk/?target_group=1", client, args.requests)
    measure("the public page (daily cache off)", "/inn-pa-tunet-i-tall/", Client(), args.requests)
    refresh(args.attendance)
    return 0


if __name__ == "__main__":
    sys.exit(main())
