"""The reference lists the catalogue filters on, loaded by a data migration.

Names are data in Norwegian bokmål: the approval body can extend the lists in the admin.
"""

TARGET_GROUPS = [
    ("demens", "Personer med demens"),
    ("psykisk-helse-rus", "Psykisk helse og rus"),
    ("barn-unge", "Barn og unge"),
    ("arbeidssokere", "Arbeidssøkere og personer langt fra arbeidslivet"),
    ("flyktninger", "Flyktninger og innvandrere"),
    ("utviklingshemming", "Personer med utviklingshemming"),
    ("eldre", "Eldre"),
    ("domte", "Domfelte og innsatte"),
]

ANIMALS = [
    ("hest", "Hester"),
    ("storfe", "Storfe"),
    ("sau", "Sau"),
    ("geit", "Geiter"),
    ("hons", "Høner"),
    ("gris", "Gris"),
    ("kanin", "Kaniner"),
    ("hund", "Hund"),
    ("katt", "Katter"),
    ("alpakka", "Alpakka og lama"),
    ("bier", "Bier"),
]

# (code, name, season)
ACTIVITIES = [
    ("dyrestell", "Dyrestell og foring", "all_year"),
    ("ridning", "Ridning og stallarbeid", "all_year"),
    ("skogsarbeid", "Skogsarbeid", "winter"),
    ("ved", "Vedhogst og vedproduksjon", "winter"),
    ("snekring", "Snekring og trearbeid", "all_year"),
    ("vedlikehold", "Vedlikehold av bygninger og maskiner", "all_year"),
    ("hage", "Hagearbeid og grønnsaksdyrking", "summer"),
    ("saing", "Såing og planting", "spring"),
    ("lamming", "Lamming og kalving", "spring"),
    ("hoying", "Slått og høyonn", "summer"),
    ("innhosting", "Innhøsting og potetopptak", "autumn"),
    ("bar-sopp", "Plukking av bær og sopp", "autumn"),
    ("matlaging", "Matlaging og felles måltid", "all_year"),
    ("friluftsliv", "Turer og friluftsliv", "all_year"),
    ("snorydding", "Snørydding", "winter"),
    ("vasking", "Vasking og rydding", "all_year"),
    ("salg", "Gårdsutsalg og salg", "summer"),
]

LANGUAGES = [
    ("nb", "Norsk"),
    ("en", "Engelsk"),
    ("se", "Nordsamisk"),
    ("pl", "Polsk"),
    ("ar", "Arabisk"),
    ("ti", "Tigrinja"),
    ("so", "Somali"),
    ("uk", "Ukrainsk"),
]


def load_reference(apps):
    lists = {"TargetGroup": TARGET_GROUPS, "Animal": ANIMALS, "Language": LANGUAGES}
    for model_name, rows in lists.items():
        model = apps.get_model("catalogue", model_name)
        model.objects.bulk_create(model(code=c, name=n, sort_order=i) for i, (c, n) in enumerate(rows))
    Activity = apps.get_model("catalogue", "Activity")
    Activity.objects.bulk_create(
        Activity(code=c, name=n, season=s, sort_order=i) for i, (c, n, s) in enumerate(ACTIVITIES)
    )
