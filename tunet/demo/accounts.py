"""Demo organisations and one login per role, for `make run` and the browser tests.

Every demo login has the password DEMO_PASSWORD; the README lists them. Loading twice changes
nothing.
"""

from django.db import transaction

from tunet.accounts.models import Membership, Organisation, OrganisationKind, Role, User

DEMO_PASSWORD = "tunet-demo-2026"

# (key, name, kind, org number, municipality number, county number, postcode, street address)
ORGANISATIONS = [
    ("solbakken", "Solbakken gård", OrganisationKind.PROVIDER, "921000006", "4003", None, "3727", "Solbakkvegen 12"),
    ("nordre-li", "Nordre Li gård", OrganisationKind.PROVIDER, "921000014", "3118", None, "1850", "Li nordre 3"),
    ("haugaland", "Haugaland Grønt arbeid", OrganisationKind.PROVIDER, "921000022", "1106", None, "5532", "Gard 41"),
    ("fjellro", "Fjellro Inn på tunet", OrganisationKind.PROVIDER, "921000030", "3326", None, "3560", "Fjellrovegen 7"),
    ("elvetun", "Elvetun gartneri", OrganisationKind.PROVIDER, "921000049", "5001", None, "7092", "Elvetunvegen 20"),
    ("skien", "Skien kommune", OrganisationKind.MUNICIPALITY, "921000057", "4003", None, "3724", "Hollenderigata 5"),
    (
        "fredrikstad",
        "Fredrikstad kommune",
        OrganisationKind.MUNICIPALITY,
        "921000065",
        "3107",
        None,
        "1606",
        "Nygaardsgata 16",
    ),
    (
        "nordre-aker",
        "Oslo kommune, bydel Nordre Aker",
        OrganisationKind.MUNICIPALITY,
        "",
        "0301",
        None,
        "0864",
        "Sognsveien 66",
    ),
    ("nav-skien", "NAV Skien", OrganisationKind.NAV_OFFICE, "921000073", "4003", None, "3717", "Kverndalsgata 14"),
    ("nav-haugesund", "NAV Haugesund", OrganisationKind.NAV_OFFICE, "921000081", "1106", None, "5528", "Skåregata 100"),
    (
        "norsk-mat",
        "Stiftelsen Norsk Mat",
        OrganisationKind.APPROVAL_BODY,
        "921000103",
        "0301",
        None,
        "0191",
        "Schweigaards gate 34",
    ),
    (
        "revisjon",
        "Landbruksrevisjon AS",
        OrganisationKind.AUDITOR_FIRM,
        "921000111",
        "3403",
        None,
        "2317",
        "Torggata 1",
    ),
    (
        "statsforvalter",
        "Statsforvalteren i Vestfold og Telemark",
        OrganisationKind.REGIONAL_COORDINATOR,
        "921000138",
        "3905",
        "40",
        "3111",
        "Anton Jenssens gate 4",
    ),
]

# (e-mail, full name, phone, [(organisation key, role, title)])
PEOPLE = [
    (
        "gardbruker@tunet.example",
        "Ola Solbakken",
        "412 34 567",
        [("solbakken", Role.FARMER, "Gårdbruker og daglig leder")],
    ),
    ("ansatt@tunet.example", "Marte Lien", "", [("solbakken", Role.FARM_STAFF, "Miljøarbeider")]),
    (
        "saksbehandler@tunet.example",
        "Ingrid Bakke",
        "",
        [("skien", Role.CASE_WORKER, "Saksbehandler, helse og omsorg")],
    ),
    ("nav@tunet.example", "Jonas Vik", "", [("nav-haugesund", Role.NAV_ADVISER, "Veileder")]),
    (
        "godkjenning@tunet.example",
        "Siri Hovland",
        "",
        [("norsk-mat", Role.APPROVAL_OFFICER, "Rådgiver, godkjenningsordningen")],
    ),
    ("revisor@tunet.example", "Per Haugen", "", [("revisjon", Role.AUDITOR, "Revisor")]),
    ("koordinator@tunet.example", "Astrid Moe", "", [("statsforvalter", Role.COORDINATOR, "Seniorrådgiver landbruk")]),
    ("admin@tunet.example", "Eva Strand", "", [("fredrikstad", Role.ADMIN, "Systemansvarlig")]),
    (
        "flere@tunet.example",
        "Kari Nordmann",
        "",
        [("skien", Role.CASE_WORKER, "Saksbehandler"), ("nav-skien", Role.NAV_ADVISER, "Veileder")],
    ),
]


@transaction.atomic
def load():
    """Create the demo organisations and logins that are missing. Returns the organisations by key."""
    organisations = {}
    for key, name, kind, org_number, municipality, county, postcode, street in ORGANISATIONS:
        organisations[key], _ = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "org_number": org_number,
                "municipality_id": municipality,
                "county_id": county,
                "postal_code_id": postcode,
                "street_address": street,
            },
        )
    for email, full_name, phone, roles in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name, phone=phone)
        for key, role, title in roles:
            Membership.objects.get_or_create(
                user=user, organisation=organisations[key], role=role, defaults={"title": title}
            )
    if not User.objects.filter(email="drift@tunet.example").exists():
        User.objects.create_superuser(email="drift@tunet.example", password=DEMO_PASSWORD, full_name="Drift Tunet")
    return organisations
