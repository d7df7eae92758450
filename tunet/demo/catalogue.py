"""Demo farms for the catalogue: about eighty farms in twelve counties, with offers and approvals.

The farms are made up, but they are like the farms in the handbooks: horses and cattle, sheep and
hens, forestry with firewood and carpentry and no animals, market gardens, small farms with
rabbits, dogs and alpacas. Every farm has its own provider organisation; the five demo providers
from accounts/demo.py get a farm too. Most farms are approved, four are suspended and three are
not yet approved, so the catalogue's hiding of unapproved farms can be seen.

Solbakken gård in Skien takes people with dementia on Tuesdays and Thursdays, with transport (the
browser tests use it), and at least six approved farms within 30 km of Skien take people with
dementia on Tuesdays, so the case worker's journey has results.

Everything is drawn from one seeded random generator before the database is read, so a load gives
the same farms every time; loading twice changes nothing (a farm that exists is left alone).
"""

import datetime
import math
import random
import unicodedata

from django.db import transaction
from django.utils import timezone
from stdnum.no import orgnr

from tunet.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from tunet.approval.models import Approval, sync_listings
from tunet.catalogue import reference
from tunet.catalogue.models import Activity, Animal, Farm, Language, OfferDay, ServiceArea, ServiceOffer, TargetGroup
from tunet.core.models import PostalCode
from tunet.demo.accounts import DEMO_PASSWORD
from tunet.demo.farm_data import (
    ANIMAL_SENTENCES,
    ANIMAL_WORDS,
    APPROVED,
    DAY_SENTENCES,
    DEMO_PROVIDER_FARMS,
    FARMER_LOGINS,
    FARMS,
    FIRST_NAMES,
    FIRST_ORG_NUMBER,
    HORSES_CATTLE,
    KIND_ACTIVITIES,
    KIND_OFFERS,
    LAST_NAMES,
    MARKET_GARDEN,
    OFFER_SENTENCES,
    OFFER_TEMPLATES,
    OPENINGS,
    PENDING_REASONS,
    SEED,
    SHEEP_HENS,
    SMALL_ANIMALS,
    SUSPENDED,
    SUSPENSION_REASONS,
    YEAR_SENTENCES,
)


def _slug(name):
    text = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def _kroner(amount):
    return f"{amount // 1000} {amount % 1000:03d}" if amount >= 1000 else str(amount)


def _time(text):
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


def _phone(rng):
    return f"4{rng.randint(0, 99):02d} {rng.randint(0, 99):02d} {rng.randint(0, 999):03d}"


def _offset(rng, lat, lon):
    """A point 0.3–1.8 km from (lat, lon) in a random direction."""
    distance, bearing = rng.uniform(0.3, 1.8), rng.uniform(0, 2 * math.pi)
    dlat = distance * math.cos(bearing) / 111.2
    dlon = distance * math.sin(bearing) / (111.2 * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def _parse_offer(code):
    template, _, days = code.partition(":")
    if days == "tue":
        return template, "tue"
    if days:
        return template, [int(d) for d in days.split(",")]
    return template, None


def _offer_spec(rng, kind, code, extras, county):
    template, days_rule = _parse_offer(code)
    row = OFFER_TEMPLATES[template]
    area, groups, titles, description, fitting, day_range, place_range, hours, price_range, unit = row
    (dmin, dmax), (pmin, pmax), (kmin, kmax) = day_range, place_range, price_range
    if area is None:
        area = rng.choice([ServiceArea.WORK, ServiceArea.HEALTH])
    groups = list(groups)
    if template == "demens" and rng.random() < 0.3:
        groups.append("eldre")
    if template == "arbeid" and rng.random() < 0.35:
        groups.append("psykisk-helse-rus")
    if template == "integrering" and rng.random() < 0.4:
        groups.append("arbeidssokere")

    kind_activities = list(extras.get("activities", ())) + KIND_ACTIVITIES[kind]
    candidates = [a for a in kind_activities if fitting is None or a in fitting]
    candidates = list(dict.fromkeys(candidates))
    if len(candidates) < 3:
        candidates += [a for a in ("matlaging", "friluftsliv", "vedlikehold") if a not in candidates]
    # The two first are what the farm is about; the others are drawn.
    count = min(len(candidates), rng.randint(3, 5))
    activities = candidates[:2] + rng.sample(candidates[2:], count - 2)

    languages = ["nb"]
    if rng.random() < 0.3:
        languages.append("en")
    if template == "integrering":
        languages += rng.sample(["ar", "ti", "uk", "so", "pl"], rng.randint(1, 2))
    elif template in {"arbeid", "psyk"} and rng.random() < 0.15:
        languages.append("pl")
    if county in {"18", "50"} and rng.random() < 0.3:
        languages.append("se")
    languages += [lang for lang in extras.get("languages", ()) if lang not in languages]

    if isinstance(days_rule, list):
        weekdays = days_rule
    else:
        weekdays = rng.sample(range(5), rng.randint(dmin, dmax))
        if days_rule == "tue" and 1 not in weekdays:
            weekdays[0] = 1
        if template == "skole" and rng.random() < 0.1:
            weekdays.append(5)  # a Saturday group
    places = rng.randint(pmin, pmax)
    opens, closes = rng.choice(hours)
    days = [(weekday, max(2, places - (1 if rng.random() < 0.2 else 0)), opens, closes) for weekday in weekdays]

    price = rng.randrange(kmin, kmax + 1, 50)
    price_text = f"{_kroner(price)} kr per dag per {unit}"
    if rng.random() < 0.6:
        description += " " + OFFER_SENTENCES[kind]
    if extras.get("transport_in_price"):
        price_text += ", transport inkludert"
        description += " Henting og hjemkjøring er med i prisen."
    return {
        "title": rng.choice(titles),
        "service_area": area,
        "description": description,
        "target_groups": groups,
        "activities": activities,
        "languages": languages,
        "price_indication": price_text,
        "days": sorted(days),
    }


def _animals(rng, kind):
    if kind == HORSES_CATTLE:
        return ["hest", "storfe", *rng.sample(["katt", "hund", "hons", "gris"], rng.randint(0, 2))]
    if kind == SHEEP_HENS:
        return ["sau", "hons", *rng.sample(["geit", "katt", "hund", "kanin"], rng.randint(0, 2))]
    if kind == MARKET_GARDEN:
        return [a for a, p in (("bier", 0.3), ("hons", 0.2)) if rng.random() < p]
    if kind == SMALL_ANIMALS:
        return [rng.choice(["kanin", "alpakka"]), *rng.sample(["katt", "hund", "geit", "hons", "kanin"], 3)]
    return []


def _words(codes):
    words = [ANIMAL_WORDS[c] for c in dict.fromkeys(codes)]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " og " + words[-1]


def _farm_spec(rng, name, postcode, street, kind, offers, status, extras):
    """Everything about one farm, drawn from rng. postcode is a PostalCode from the register."""
    municipality = postcode.municipality
    place = municipality.name
    animals = list(dict.fromkeys(extras.get("animals") or _animals(rng, kind)))
    latitude, longitude = _offset(rng, postcode.latitude, postcode.longitude)
    transport = extras.get("transport", rng.random() < 0.55)
    step_free = extras.get("step_free", rng.random() < 0.6)
    toilet = extras.get("toilet", step_free and rng.random() < 0.75)
    indoor = extras.get("indoor", rng.random() < 0.8)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    contact_name, contact_phone = extras.get("contact", (f"{first} {last}", _phone(rng)))

    sentences = [rng.choice(OPENINGS[kind]).format(name=name, place=place, animals=_words(animals) or "dyr")]
    year = YEAR_SENTENCES[kind] + [
        ANIMAL_SENTENCES[a] for a in animals if kind == SMALL_ANIMALS and a in ANIMAL_SENTENCES
    ]
    sentences.append(rng.choice(year))
    if rng.random() < 0.6:
        sentences.append(rng.choice(DAY_SENTENCES))
    if transport and rng.random() < 0.7:
        sentences.append(
            rng.choice(
                [
                    "Vi henter deltakerne hjemme og kjører dem hjem igjen etter dagen.",
                    "Vi tilbyr henting og hjemkjøring i nærområdet.",
                ]
            )
        )
    elif step_free and indoor:
        sentences.append("Tunet og oppholdsrommet er tilrettelagt for rullator og rullestol.")
    elif indoor:
        sentences.append("Deltakerne har et eget oppholdsrom med kjøkken og garderobe.")
    sentences = sentences[:4]

    if offers is None:
        offers = rng.sample(KIND_OFFERS[kind], rng.choice([1, 2, 2, 3]))
    offer_specs = [
        _offer_spec(rng, kind, code, {**extras, "transport_in_price": transport and rng.random() < 0.3},
                    municipality.county_id)
        for code in offers
    ]  # fmt: skip

    if status == APPROVED:
        valid_until_days, reason = rng.randint(92, 669), ""
    elif status == SUSPENDED:
        valid_until_days, reason = rng.randint(30, 400), rng.choice(SUSPENSION_REASONS)
    else:
        valid_until_days, reason = None, rng.choice(PENDING_REASONS)

    return {
        "name": name,
        "municipality_id": municipality.number,
        "postal_code_id": postcode.code,
        "street_address": street,
        "latitude": latitude,
        "longitude": longitude,
        "description": " ".join(sentences),
        "animals": animals,
        "step_free_access": step_free,
        "accessible_toilet": toilet,
        "indoor_space": indoor,
        "transport_offered": transport,
        "contact_name": contact_name,
        "contact_phone": contact_phone,
        "contact_email": f"{_slug(name)}@tunet.example",
        "offers": offer_specs,
        "status": status,
        "valid_until_days": valid_until_days,
        "reason": reason,
    }


def farm_specs(organisations):
    """All demo farms as plain data: (organisation key or None, spec). Reads only the register."""
    rng = random.Random(SEED)
    codes = {o.postal_code_id for o in organisations.values()} | {row[2] for row in FARMS}
    postcodes = PostalCode.objects.select_related("municipality").in_bulk(codes)
    specs = []
    for key, (kind, offers, extras) in DEMO_PROVIDER_FARMS.items():
        organisation = organisations[key]
        postcode = postcodes[organisation.postal_code_id]
        spec = _farm_spec(rng, organisation.name, postcode, organisation.street_address, kind, offers, APPROVED, extras)
        specs.append((key, spec))
    for name, municipality, code, street, kind, offers, status, extras in FARMS:
        postcode = postcodes[code]
        if postcode.municipality_id != municipality:
            raise ValueError(f"Postcode {code} is not in municipality {municipality} ({name}).")
        specs.append((None, _farm_spec(rng, name, postcode, street, kind, offers, status, extras)))
    return specs


def _ensure_reference_lists():
    """The reference lists come from a migration; put back any that a flushed test database lost."""
    lists = [
        (TargetGroup, [(c, n, {}) for c, n in reference.TARGET_GROUPS]),
        (Animal, [(c, n, {}) for c, n in reference.ANIMALS]),
        (Language, [(c, n, {}) for c, n in reference.LANGUAGES]),
        (Activity, [(c, n, {"season": s}) for c, n, s in reference.ACTIVITIES]),
    ]
    by_model = {}
    for model, rows in lists:
        existing = dict(model.objects.values_list("code", "pk"))
        missing = [model(code=c, name=n, sort_order=i, **x) for i, (c, n, x) in enumerate(rows) if c not in existing]
        if missing:
            model.objects.bulk_create(missing)
            existing = dict(model.objects.values_list("code", "pk"))
        by_model[model] = existing
    return by_model


def _org_numbers(count):
    """The next `count` valid organisation numbers from FIRST_ORG_NUMBER that no organisation has."""
    used = set(Organisation.objects.exclude(org_number="").values_list("org_number", flat=True))
    numbers, candidate = [], FIRST_ORG_NUMBER
    while len(numbers) < count:
        number = str(candidate)
        if orgnr.is_valid(number) and number not in used:
            numbers.append(number)
        candidate += 1
    return numbers


@transaction.atomic
def load(organisations):
    """Create the demo farms, offers, approvals and farmer logins that are missing."""
    ids = _ensure_reference_lists()
    today = timezone.localdate()
    specs = farm_specs(organisations)

    # Provider organisations: the demo ones by key, the others by name.
    names = [spec["name"] for key, spec in specs if key is None]
    providers = {o.name: o for o in Organisation.objects.filter(kind=OrganisationKind.PROVIDER, name__in=names)}
    new_names = [name for name in names if name not in providers]
    by_name = {spec["name"]: spec for _, spec in specs}
    new_orgs = [
        Organisation(
            name=name,
            kind=OrganisationKind.PROVIDER,
            org_number=number,
            municipality_id=by_name[name]["municipality_id"],
            postal_code_id=by_name[name]["postal_code_id"],
            street_address=by_name[name]["street_address"],
            email=by_name[name]["contact_email"],
            phone=by_name[name]["contact_phone"],
        )
        for name, number in zip(new_names, _org_numbers(len(new_names)), strict=True)
    ]
    for organisation in Organisation.objects.bulk_create(new_orgs):
        providers[organisation.name] = organisation
    provider_of = {id(spec): organisations[key] if key else providers[spec["name"]] for key, spec in specs}

    # Farms that are missing, with their animals.
    existing = set(Farm.objects.filter(provider__in=provider_of.values()).values_list("provider_id", flat=True))
    todo = [spec for _, spec in specs if provider_of[id(spec)].pk not in existing]
    farm_fields = [
        "name", "municipality_id", "postal_code_id", "street_address", "latitude", "longitude", "description",
        "step_free_access", "accessible_toilet", "indoor_space", "transport_offered", "contact_name",
        "contact_phone", "contact_email",
    ]  # fmt: skip
    farms = Farm.objects.bulk_create(
        [Farm(provider=provider_of[id(spec)], **{f: spec[f] for f in farm_fields}) for spec in todo]
    )
    Farm.animals.through.objects.bulk_create(
        [
            Farm.animals.through(farm_id=farm.pk, animal_id=ids[Animal][code])
            for farm, spec in zip(farms, todo, strict=True)
            for code in spec["animals"]
        ]
    )

    # Offers, their target groups, activities, languages and days.
    pairs = [(farm, offer) for farm, spec in zip(farms, todo, strict=True) for offer in spec["offers"]]
    offers = ServiceOffer.objects.bulk_create(
        [
            ServiceOffer(
                farm=farm,
                title=o["title"],
                service_area=o["service_area"],
                description=o["description"],
                price_indication=o["price_indication"],
            )
            for farm, o in pairs
        ]
    )
    links = [
        (ServiceOffer.target_groups.through, "targetgroup_id", TargetGroup, "target_groups"),
        (ServiceOffer.activities.through, "activity_id", Activity, "activities"),
        (ServiceOffer.languages.through, "language_id", Language, "languages"),
    ]
    for through, column, model, key in links:
        through.objects.bulk_create(
            [
                through(serviceoffer_id=offer.pk, **{column: ids[model][code]})
                for offer, (_, o) in zip(offers, pairs, strict=True)
                for code in dict.fromkeys(o[key])
            ]
        )
    OfferDay.objects.bulk_create(
        [
            OfferDay(offer=offer, weekday=weekday, places=places, opens=_time(opens), closes=_time(closes))
            for offer, (_, o) in zip(offers, pairs, strict=True)
            for weekday, places, opens, closes in o["days"]
        ]
    )

    # An approval for every demo farm that has none.
    spec_of = {provider_of[id(spec)].pk: spec for _, spec in specs}
    without = Farm.objects.filter(provider_id__in=spec_of, approval__isnull=True)
    approvals = []
    for farm in without:
        spec = spec_of[farm.provider_id]
        days = spec["valid_until_days"]
        approvals.append(
            Approval(
                farm=farm,
                status=spec["status"],
                valid_until=today + datetime.timedelta(days=days) if days is not None else None,
                reason=spec["reason"],
            )
        )
    Approval.objects.bulk_create(approvals)
    sync_listings()  # bulk_create() does not call Approval.save()

    # Farmers who log in to three more of the demo farms.
    for email, full_name, phone, key in FARMER_LOGINS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name, phone=phone)
        Membership.objects.get_or_create(
            user=user,
            organisation=organisations[key],
            role=Role.FARMER,
            defaults={"title": "Gårdbruker og daglig leder"},
        )
