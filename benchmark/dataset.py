"""The synthetic national data set on PostgreSQL: 10,000 farms in all 357 municipalities, 30,000 offers.

Only ever in a database whose name starts with `tunet_bench` (dropped and recreated on a
rebuild). Everything is drawn from one seeded random generator, so every build is the same
data set; dates are relative to the day of the build.

    farms        10,000, one provider organisation each, at least one in every municipality,
                 the rest spread unevenly (some municipalities have many farms, some few),
                 each within ~15 km of its municipality's centre
    approvals    90 % approved and valid, 2 % approved but expired, 5 % suspended, 3 % pending
    animals      60 % of the farms, one to four kinds
    offers       30,000 (one to many per farm, three on average), 95 % shown in the catalogue,
                 one to three target groups, two to five weekdays each
"""

import datetime
import math
import random
import time
from urllib.parse import urlsplit

import psycopg

SEED = 20_260_101
FARMS = 10_000
OFFERS = 30_000
MAX_OFFSET_KM = 15.0
BATCH = 2_000

PREFIXES = ["Nordre", "Søndre", "Øvre", "Nedre", "Vestre", "Austre", "Store", "Vesle"] + [""] * 8
STEMS = [
    "Haug",
    "Bakke",
    "Li",
    "Rud",
    "Mo",
    "Berg",
    "Dal",
    "Vik",
    "Nes",
    "Holt",
    "Lund",
    "Tveit",
    "Sol",
    "Bjørk",
    "Gran",
    "Fure",
    "Eng",
    "Myr",
    "Stein",
    "Ås",
    "Hov",
    "Sand",
    "Vang",
    "Hage",
    "Hol",
    "Kvern",
    "Sæter",
    "Strand",
    "Lien",
    "Skog",
    "Foss",
    "Elve",
    "Fjell",
    "Åker",
    "Brekke",
    "Rønning",
    "Flat",
    "Lyng",
]
SUFFIXES = ["gård", "gard", "gården", "tunet", "småbruk", "gartneri", "Inn på tunet"]
FIRST_NAMES = ["Kari", "Ola", "Ingrid", "Lars", "Sigrid", "Nils", "Marit", "Knut", "Anne", "Per", "Guro", "Eirik"]
LAST_NAMES = ["Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Bakken", "Moen", "Lie", "Dahl", "Strand"]
DESCRIPTIONS = [
    "En aktiv gård med dyr, skog og innmark.",
    "Vi har god plass inne og ute, og et fast dagsprogram med felles måltid.",
    "Deltakerne er med på stell av dyra, vedhogst og vedlikehold etter årstida.",
    "Gården ligger landlig til, med kort vei til tur i skog og mark.",
    "Vi tar imot små grupper og legger vekt på trygghet, mestring og fellesskap.",
    "Om sommeren dyrker vi grønnsaker og bær, om vinteren er det skogsarbeid og snekring.",
]
# (service area, title, weight)
AREAS = [
    ("health", "Dagtilbud", 40),
    ("work", "Arbeidstrening", 25),
    ("education", "Gårdsskole", 15),
    ("integration", "Språk og arbeid på gården", 8),
    ("prevention", "Aktivitetstilbud", 9),
    ("correctional", "Arbeid under straffegjennomføring", 3),
]
# Target group code -> weight as an offer's main group.
TARGET_GROUP_WEIGHTS = {
    "demens": 20, "psykisk-helse-rus": 18, "barn-unge": 16, "arbeidssokere": 14, "flyktninger": 8,
    "utviklingshemming": 12, "eldre": 9, "domte": 3,
}  # fmt: skip
WEEKDAYS = dict(enumerate([10, 10, 10, 10, 9, 2, 1]))  # weekday -> weight


def database_name(url):
    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("tunet_bench"):
        raise SystemExit(f"Refusing to use the database {name!r}: the bench only uses databases named tunet_bench*.")
    return name


def _maintenance_url(url):
    return urlsplit(url)._replace(path="/postgres").geturl()


def farm_count(url):
    """How many farms the bench database holds, or None if it does not exist or is not migrated."""
    database_name(url)
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM catalogue_farm").fetchone()[0]
    except psycopg.Error:
        return None


def recreate_database(url):
    name = database_name(url)
    with psycopg.connect(_maintenance_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def vacuum_analyze(url):
    database_name(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def _weighted_sample(rng, population, weights, k):
    """k distinct items, drawn with the given weights (without replacement)."""
    keys = sorted(population, key=lambda item: -(rng.random() ** (1.0 / weights[item])))
    return keys[:k]


def _position(rng, lat, lon):
    """A point up to MAX_OFFSET_KM from (lat, lon), inside the model's bounds for Norway."""
    distance = MAX_OFFSET_KM * math.sqrt(rng.random())
    bearing = rng.uniform(0, 2 * math.pi)
    lat += math.degrees(distance * math.cos(bearing) / 6371.0)
    lon += math.degrees(distance * math.sin(bearing) / (6371.0 * math.cos(math.radians(lat))))
    return round(min(max(lat, 57.51), 71.49), 5), round(min(max(lon, 4.01), 31.49), 5)


def plan(municipalities, postcodes, target_groups, animals, seed=SEED, farms=FARMS, offers=OFFERS):
    """Everything the data set holds, as plain dicts, drawn before the database is written.

    municipalities: (number, name, latitude, longitude); postcodes: municipality number -> codes;
    target_groups: code -> name; animals: ids.
    """
    rng = random.Random(seed)
    weights = [rng.lognormvariate(0, 0.8) for _ in municipalities]
    homes = list(municipalities) + rng.choices(municipalities, weights=weights, k=farms - len(municipalities))
    rng.shuffle(homes)
    group_weights = {code: TARGET_GROUP_WEIGHTS.get(code, 5) for code in sorted(target_groups)}
    offers_per_farm = [1] * farms
    for index in rng.choices(range(farms), k=offers - farms):
        offers_per_farm[index] += 1

    planned = []
    for index, (number, _name, lat, lon) in enumerate(homes):
        stem = rng.choice(STEMS)
        name = " ".join(part for part in (rng.choice(PREFIXES), stem, rng.choice(SUFFIXES)) if part)
        latitude, longitude = _position(rng, lat, lon)
        roll = rng.random()
        status, valid_days = (
            ("approved", rng.randint(30, 1000)) if roll < 0.90
            else ("approved", -rng.randint(1, 200)) if roll < 0.92
            else ("suspended", rng.randint(-100, 300)) if roll < 0.97
            else ("pending", None)
        )  # fmt: skip
        contact = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        farm = {
            "name": name,
            "organisation": f"{name} {rng.choice(['AS', 'DA', 'gårdsdrift', 'ENK'])}",
            "municipality_id": number,
            "postal_code_id": rng.choice(postcodes[number]) if postcodes.get(number) else None,
            "street_address": f"{stem}vegen {rng.randint(1, 400)}",
            "latitude": latitude,
            "longitude": longitude,
            "description": " ".join(rng.sample(DESCRIPTIONS, rng.randint(2, 4))),
            "step_free_access": rng.random() < 0.4,
            "accessible_toilet": rng.random() < 0.35,
            "indoor_space": rng.random() < 0.6,
            "transport_offered": rng.random() < 0.45,
            "contact_name": contact,
            "contact_phone": f"{rng.randint(40, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            "contact_email": f"post{index}@gard.example",
            "status": status,
            "valid_days": valid_days,
            "animals": rng.sample(animals, rng.randint(1, 4)) if rng.random() < 0.6 else [],
            "offers": [],
        }
        for _ in range(offers_per_farm[index]):
            area, title = rng.choices([(a, t) for a, t, _w in AREAS], weights=[w for _a, _t, w in AREAS])[0]
            groups = _weighted_sample(rng, list(group_weights), group_weights, rng.choice([1, 1, 2, 2, 3]))
            opens = rng.choice([8, 9, 9, 10])
            farm["offers"].append({
                "title": f"{title} – {target_groups[groups[0]].lower()}",
                "service_area": area,
                "is_active": rng.random() < 0.95,
                "target_groups": groups,
                "days": sorted(_weighted_sample(rng, list(range(7)), WEEKDAYS, rng.randint(2, 5))),
                "places": rng.randint(2, 12),
                "opens": opens,
                "closes": opens + rng.randint(4, 7),
                "price": f"{rng.randrange(900, 2200, 100)} kr per dag per plass",
            })  # fmt: skip
        planned.append(farm)
    return planned


def build(seed=SEED, farms=FARMS, offers=OFFERS, log=print):
    """Write the data set into the (empty, migrated) database Django is set up with."""
    from django.db import transaction
    from django.utils import timezone

    from tunet.accounts.models import Organisation, OrganisationKind
    from tunet.approval.models import Approval, sync_listings
    from tunet.catalogue.models import Animal, Farm, OfferDay, ServiceOffer, TargetGroup
    from tunet.core.models import Municipality, PostalCode

    started = time.perf_counter()
    municipalities = list(
        Municipality.objects.order_by("number").values_list("number", "name", "latitude", "longitude")
    )
    postcodes = {}
    for code, number in PostalCode.objects.order_by("code").values_list("code", "municipality_id"):
        postcodes.setdefault(number, []).append(code)
    groups = dict(TargetGroup.objects.values_list("code", "id"))
    group_names = dict(TargetGroup.objects.values_list("code", "name"))
    animals = list(Animal.objects.order_by("code").values_list("id", flat=True))
    planned = plan(municipalities, postcodes, group_names, animals, seed=seed, farms=farms, offers=offers)
    log(f"  planned {len(planned):,} farms in {len({f['municipality_id'] for f in planned})} municipalities")

    today = timezone.localdate()
    with transaction.atomic():
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(name=f["organisation"], kind=OrganisationKind.PROVIDER, org_number="",
                             municipality_id=f["municipality_id"], email=f["contact_email"])
                for f in planned
            ],
            batch_size=BATCH,
        )  # fmt: skip
        farm_fields = [
            "name", "description", "street_address", "postal_code_id", "municipality_id", "latitude", "longitude",
            "step_free_access", "accessible_toilet", "indoor_space", "transport_offered", "contact_name",
            "contact_phone", "contact_email",
        ]  # fmt: skip
        farm_rows = Farm.objects.bulk_create(
            [Farm(provider=o, **{k: f[k] for k in farm_fields}) for o, f in zip(organisations, planned, strict=True)],
            batch_size=BATCH,
        )
        Approval.objects.bulk_create(
            [
                Approval(
                    farm=farm, status=f["status"],
                    valid_until=None if f["valid_days"] is None else today + datetime.timedelta(days=f["valid_days"]),
                    reason="Avvik ved revisjon" if f["status"] == "suspended" else "",
                )
                for farm, f in zip(farm_rows, planned, strict=True)
            ],
            batch_size=BATCH,
        )  # fmt: skip
        sync_listings()  # bulk_create() does not call Approval.save()
        FarmAnimal = Farm.animals.through
        FarmAnimal.objects.bulk_create(
            [
                FarmAnimal(farm_id=farm.pk, animal_id=animal)
                for farm, f in zip(farm_rows, planned, strict=True)
                for animal in f["animals"]
            ],
            batch_size=BATCH * 5,
        )
        offer_plans = [(farm, o) for farm, f in zip(farm_rows, planned, strict=True) for o in f["offers"]]
        offer_rows = ServiceOffer.objects.bulk_create(
            [
                ServiceOffer(farm=farm, title=o["title"], service_area=o["service_area"], is_active=o["is_active"],
                             price_indication=o["price"], description="Fast opplegg med felles lunsj.")
                for farm, o in offer_plans
            ],
            batch_size=BATCH,
        )  # fmt: skip
        OfferGroup = ServiceOffer.target_groups.through
        OfferGroup.objects.bulk_create(
            [
                OfferGroup(serviceoffer_id=offer.pk, targetgroup_id=groups[code])
                for offer, (_farm, o) in zip(offer_rows, offer_plans, strict=True)
                for code in o["target_groups"]
            ],
            batch_size=BATCH * 5,
        )
        OfferDay.objects.bulk_create(
            [
                OfferDay(offer=offer, weekday=day, places=o["places"], opens=datetime.time(o["opens"]),
                         closes=datetime.time(o["closes"]))
                for offer, (_farm, o) in zip(offer_rows, offer_plans, strict=True)
                for day in o["days"]
            ],
            batch_size=BATCH * 5,
        )  # fmt: skip
    log(f"  wrote {len(farm_rows):,} farms, {len(offer_rows):,} offers in {time.perf_counter() - started:.1f} s")


def ensure_superuser(email, password):
    """The admin user the bench logs in as, with this run's password."""
    from tunet.accounts.models import User

    user = User.objects.filter(email=email).first() or User(email=email, full_name="Bench Admin")
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    return user
