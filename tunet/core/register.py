"""Loads the municipality and postcode register from the CSV files in tunet/core/data/.

Used by the data migration, so it takes the model classes as arguments (historical models).
"""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Counties whose official name has more than one language form (see data/README.md).
COUNTY_OFFICIAL_NAMES = {
    "Troms": "Troms - Romsa - Tromssa",
    "Finnmark": "Finnmark - Finnmárku - Finmarkku",
    "Trøndelag": "Trøndelag - Trööndelage",
    "Nordland": "Nordland - Nordlánnda",
}


def read_rows(filename):
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_register(County, Municipality, PostalCode):
    official = {row["kommunenummer"]: row["offisielt_navn"] for row in read_rows("kommuner-2024-navn.csv")}
    municipalities = read_rows("kommuner-2024.csv")
    counties = {row["fylkesnummer"]: row["fylke"] for row in municipalities}
    County.objects.bulk_create(
        County(number=number, name=name, official_name=COUNTY_OFFICIAL_NAMES.get(name, name))
        for number, name in sorted(counties.items())
    )
    Municipality.objects.bulk_create(
        Municipality(
            number=row["kommunenummer"],
            name=row["navn"],
            official_name=official[row["kommunenummer"]],
            county_id=row["fylkesnummer"],
            latitude=float(row["lat"]),
            longitude=float(row["lon"]),
        )
        for row in municipalities
    )
    PostalCode.objects.bulk_create(
        (
            PostalCode(
                code=row["postnummer"],
                place=row["poststed"],
                municipality_id=row["kommunenummer"],
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
            )
            for row in read_rows("postnummer.csv")
        ),
        batch_size=1000,
    )
