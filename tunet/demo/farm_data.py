"""The demo farms as data: names, places, kinds, and the words their descriptions are made of.

catalogue.py turns these tables into farms, offers and approvals.
"""

from tunet.approval.models import ApprovalStatus
from tunet.catalogue import reference
from tunet.catalogue.models import ServiceArea

SEED = 2026
FIRST_ORG_NUMBER = 922000000

# Kinds of farm.
HORSES_CATTLE = "horses_cattle"
SHEEP_HENS = "sheep_hens"
FORESTRY = "forestry"
MARKET_GARDEN = "market_garden"
SMALL_ANIMALS = "small_animals"

APPROVED = ApprovalStatus.APPROVED
SUSPENDED = ApprovalStatus.SUSPENDED
PENDING = ApprovalStatus.PENDING

# Offers are written as template codes (see OFFER_TEMPLATES): "demens" lets the days be drawn,
# "demens:tue" makes sure Tuesday is one of them, "demens:1,3" gives exactly those weekdays.
# None lets the offers be drawn from what fits the kind of farm.

# The five demo providers from accounts/demo.py: key -> (kind, offers, extras).
DEMO_PROVIDER_FARMS = {
    "solbakken": (
        HORSES_CATTLE,
        ("demens:1,3", "psyk"),
        {
            "transport": True,
            "step_free": True,
            "toilet": True,
            "indoor": True,
            "contact": ("Ola Solbakken", "412 34 567"),
            "animals": ("hest", "storfe", "hons", "katt"),
        },
    ),
    "nordre-li": (
        HORSES_CATTLE,
        ("demens:tue", "skole"),
        {"transport": True, "contact": ("Kristin Li", "415 62 308")},
    ),
    "haugaland": (
        SHEEP_HENS,
        ("arbeid", "psyk"),
        {
            "transport": False,
            "contact": ("Sindre Haugland", "468 20 915"),
            "animals": ("sau", "hons", "kanin"),
            "activities": ("skogsarbeid", "ved", "vedlikehold", "friluftsliv"),
        },
    ),
    "fjellro": (
        SHEEP_HENS,
        ("psyk", "skole"),
        {"transport": True, "animals": ("sau", "hons", "geit", "hund")},
    ),
    "elvetun": (
        MARKET_GARDEN,
        ("arbeid", "integrering", "psyk"),
        {"transport": False, "contact": ("Guro Aune", "477 31 542"), "animals": ("bier",)},
    ),
}

# The farmers who log in, besides gardbruker@tunet.example on Solbakken (accounts/demo.py).
FARMER_LOGINS = [
    ("gardbruker2@tunet.example", "Kristin Li", "415 62 308", "nordre-li"),
    ("gardbruker3@tunet.example", "Sindre Haugland", "468 20 915", "haugaland"),
    ("gardbruker4@tunet.example", "Guro Aune", "477 31 542", "elvetun"),
]

# (name, municipality, postcode, street address, kind, offers, approval status, extras)
FARMS = [
    # Telemark: around Skien, most of them with day activity for people with dementia.
    ("Nordre Gjerpen gård", "4003", "3721", "Gjerpensdalen 118", SHEEP_HENS, ("demens:tue", "psyk"), APPROVED,
     {"transport": True}),
    ("Søndre Ås gartneri", "4003", "3729", "Åsvegen 22", MARKET_GARDEN, ("demens:tue", "arbeid"), APPROVED,
     {"transport": True}),
    ("Granli gård", "4003", "3739", "Granlivegen 9", SMALL_ANIMALS, ("demens:tue", "utvikling"), APPROVED,
     {"transport": True}),
    ("Furulia ved og snekkeri", "4003", "3731", "Furuliavegen 31", FORESTRY, ("arbeid", "psyk"), APPROVED, {}),
    ("Bjørkli Inn på tunet", "4010", "3748", "Bjørklivegen 14", SMALL_ANIMALS, ("demens:tue", "eldre"), APPROVED,
     {"transport": True}),
    ("Vestre Moen gård", "4001", "3948", "Moenvegen 40", HORSES_CATTLE, ("demens:tue", "skole"), APPROVED,
     {"transport": True}),
    ("Vessia gård", "4001", "3947", "Vessiavegen 5", SHEEP_HENS, ("demens:tue",), PENDING, {}),
    ("Nedre Rønholt gård", "4012", "3965", "Rønholtvegen 61", SHEEP_HENS, ("demens:tue", "psyk"), APPROVED, {}),
    ("Tveitan gård", "4018", "3830", "Tveitanvegen 30", HORSES_CATTLE, ("demens:tue", "arbeid"), APPROVED,
     {"transport": True}),
    ("Søndre Hegna gård", "4020", "3812", "Hegnavegen 17", HORSES_CATTLE, ("demens:tue",), APPROVED, {}),
    ("Lindheim gartneri", "4020", "3810", "Lindheimvegen 3", MARKET_GARDEN, ("arbeid", "integrering"), APPROVED, {}),
    ("Gransherad skogsgård", "4005", "3691", "Gransheradvegen 410", FORESTRY, ("arbeid", "domte"), APPROVED, {}),
    ("Sannidal Inn på tunet", "4014", "3766", "Sannidalsvegen 224", SMALL_ANIMALS, ("skole", "utvikling"), APPROVED,
     {}),
    # Vestfold
    ("Nordre Kjær gård", "3909", "3282", "Kjærvegen 52", HORSES_CATTLE, ("psyk", "skole"), APPROVED, {}),
    ("Steinsholt ved og trearbeid", "3909", "3277", "Steinsholtvegen 120", FORESTRY, None, APPROVED, {}),
    ("Øvre Haugen gård", "3907", "3158", "Haugenveien 14", SHEEP_HENS, ("demens", "eldre"), APPROVED, {}),
    ("Søndre Sem gartneri", "3905", "3107", "Semsveien 88", MARKET_GARDEN, ("arbeid", "integrering"), APPROVED, {}),
    ("Skoppum gård", "3901", "3185", "Skoppumveien 21", HORSES_CATTLE, ("skole", "utvikling"), APPROVED, {}),
    ("Vestre Berg gård", "3903", "3070", "Bergsveien 7", SMALL_ANIMALS, ("demens",), APPROVED, {}),
    # Østfold
    ("Vestre Degernes gård", "3120", "1892", "Degernesveien 301", SHEEP_HENS, ("demens:tue",), APPROVED, {}),
    ("Tomter gartneri", "3118", "1825", "Gartnerveien 4", MARKET_GARDEN, ("arbeid", "psyk"), APPROVED, {}),
    ("Sponvika skogsgård", "3101", "1794", "Sponvikveien 66", FORESTRY, ("arbeid", "domte"), APPROVED, {}),
    ("Yven gård", "3105", "1715", "Yvenveien 140", HORSES_CATTLE, ("demens", "utvikling"), APPROVED, {}),
    ("Manstad småbruk", "3107", "1626", "Manstadveien 35", SMALL_ANIMALS, ("demens", "skole"), APPROVED, {}),
    ("Nordre Ås gård", "3112", "1640", "Åsveien 12", SHEEP_HENS, None, SUSPENDED, {}),
    ("Fosby Inn på tunet", "3124", "1798", "Fosbyveien 230", FORESTRY, ("psyk",), APPROVED, {}),
    ("Solvang gård", "3122", "1870", "Solvangveien 18", HORSES_CATTLE, ("demens", "eldre"), APPROVED, {}),
    # Akershus
    ("Nordre Haugen gård", "3218", "1430", "Haugenveien 41", HORSES_CATTLE, ("skole", "psyk"), APPROVED, {}),
    ("Vormsund gård", "3228", "2160", "Vormsundveien 402", SHEEP_HENS, ("demens:tue",), APPROVED, {}),
    ("Løken skog og ved", "3226", "1960", "Løkenveien 77", FORESTRY, ("arbeid", "domte"), APPROVED, {}),
    ("Bøn gård", "3240", "2073", "Bønsvegen 25", HORSES_CATTLE, ("demens", "utvikling"), APPROVED, {}),
    ("Mjær gård", "3220", "1912", "Mjærveien 9", SMALL_ANIMALS, ("demens", "utvikling"), APPROVED, {}),
    ("Hølen gartneri", "3216", "1550", "Hølenveien 60", MARKET_GARDEN, ("arbeid", "integrering"), APPROVED, {}),
    ("Sørum gård", "3205", "1923", "Sørumsveien 188", SHEEP_HENS, ("arbeid",), APPROVED, {}),
    ("Holter gård", "3238", "2034", "Holterveien 3", HORSES_CATTLE, ("demens",), PENDING, {}),
    ("Heggedal småbruk", "3203", "1380", "Heggedalsveien 140", SMALL_ANIMALS, ("skole", "eldre"), APPROVED, {}),
    # Buskerud
    ("Sylling fruktgård", "3312", "3410", "Syllingveien 55", MARKET_GARDEN, ("arbeid", "integrering"), APPROVED, {}),
    ("Fiskum gård", "3314", "3322", "Fiskumveien 230", HORSES_CATTLE, ("demens", "psyk"), APPROVED, {}),
    ("Vikersund Inn på tunet", "3316", "3370", "Tandbergveien 12", SMALL_ANIMALS, ("utvikling", "skole"), APPROVED,
     {}),
    ("Ådalen ved og snekkeri", "3305", "3524", "Ådalsveien 1500", FORESTRY, ("arbeid",), APPROVED, {}),
    ("Solumsmoen gård", "3332", "3355", "Solumsmoveien 8", SHEEP_HENS, ("eldre", "psyk"), APPROVED, {}),
    ("Skollenborg gård", "3303", "3618", "Skollenborgveien 30", HORSES_CATTLE, ("demens", "skole"), APPROVED, {}),
    ("Røyse gartneri", "3310", "3530", "Røyseveien 45", MARKET_GARDEN, ("arbeid",), SUSPENDED, {}),
    # Innlandet
    ("Rudshøgda gård", "3411", "2360", "Rudsvegen 21", HORSES_CATTLE, ("demens", "arbeid"), APPROVED, {}),
    ("Søndre Berg gård", "3413", "2333", "Bergsvegen 12", SHEEP_HENS, ("psyk", "demens"), APPROVED, {}),
    ("Ådalsbruk gartneri", "3412", "2345", "Gartnerivegen 2", MARKET_GARDEN, None, APPROVED, {}),
    ("Sørskogbygda skog og ved", "3420", "2412", "Sørskogbygdvegen 600", FORESTRY, ("arbeid", "domte"), APPROVED,
     {}),
    ("Biri gård", "3407", "2832", "Birivegen 95", SMALL_ANIMALS, ("demens", "skole"), APPROVED, {}),
    ("Lena gård", "3442", "2850", "Lenavegen 14", HORSES_CATTLE, ("demens", "utvikling"), APPROVED, {}),
    ("Vingrom gård", "3405", "2607", "Vingromsvegen 300", SHEEP_HENS, ("psyk",), APPROVED, {}),
    ("Follebu småbruk", "3441", "2656", "Follebuvegen 40", SMALL_ANIMALS, ("skole", "eldre"), APPROVED, {}),
    ("Sagstua skogbruk", "3414", "2120", "Sagstuvegen 8", FORESTRY, ("arbeid",), PENDING, {}),
    ("Brandval gård", "3401", "2219", "Brandvalvegen 150", SHEEP_HENS, ("integrering", "arbeid"), APPROVED, {}),
    # Rogaland
    ("Nærbø gard", "1119", "4365", "Nærbøvegen 210", HORSES_CATTLE, ("demens", "skole"), APPROVED, {}),
    ("Lye gard", "1121", "4347", "Lyevegen 36", SHEEP_HENS, ("demens:tue",), APPROVED, {}),
    ("Kleppe gartneri", "1120", "4352", "Kleppevegen 19", MARKET_GARDEN, ("integrering", "arbeid"), APPROVED, {}),
    ("Hommersåk gard", "1108", "4310", "Hommersåkvegen 77", SMALL_ANIMALS, ("demens", "skole"), APPROVED, {}),
    ("Ålgård ved og snekkeri", "1122", "4330", "Ålgårdvegen 144", FORESTRY, ("arbeid", "psyk"), APPROVED, {}),
    ("Aksdal gard", "1146", "5570", "Aksdalsvegen 52", SHEEP_HENS, ("psyk", "domte"), APPROVED, {}),
    ("Helleland gard", "1101", "4376", "Hellelandsvegen 400", HORSES_CATTLE, ("demens",), SUSPENDED, {}),
    # Vestland
    ("Skulestad gard", "4621", "5710", "Skulestadvegen 12", SHEEP_HENS, ("psyk", "arbeid"), APPROVED, {}),
    ("Øystese fruktgard", "4622", "5610", "Fruktvegen 8", MARKET_GARDEN, ("arbeid", "integrering"), APPROVED, {}),
    ("Naustdal gard", "4647", "6817", "Naustdalsvegen 210", HORSES_CATTLE, ("demens", "skole"), APPROVED, {}),
    ("Alversund gard", "4631", "5911", "Alversundvegen 33", SMALL_ANIMALS, ("demens", "utvikling"), APPROVED, {}),
    ("Hylkje gard", "4601", "5109", "Hylkjevegen 20", SHEEP_HENS, ("demens", "eldre"), APPROVED, {}),
    # Trøndelag
    ("Gimse gård", "5028", "7227", "Gimsevegen 18", HORSES_CATTLE, ("demens", "psyk"), APPROVED, {}),
    ("Skatval gård", "5035", "7510", "Skatvalsvegen 400", SHEEP_HENS, ("skole", "demens"), APPROVED, {}),
    ("Skogn ved og snekkeri", "5037", "7620", "Skognvegen 72", FORESTRY, ("arbeid", "domte"), SUSPENDED, {}),
    ("Sparbu gård", "5006", "7710", "Sparbuvegen 56", SMALL_ANIMALS, ("utvikling", "eldre"), APPROVED, {}),
    ("Fannrem gård", "5059", "7320", "Fannremsvegen 9", HORSES_CATTLE, None, APPROVED, {}),
    # Nordland
    ("Tverlandet gård", "1804", "8050", "Tverlandsveien 120", SHEEP_HENS, ("psyk", "arbeid"), APPROVED, {}),
    ("Elsfjord gård", "1824", "8672", "Elsfjordveien 45", HORSES_CATTLE, ("demens",), APPROVED, {}),
    ("Fjellheim Inn på tunet", "1826", "8691", "Sentrumsvegen 60", SMALL_ANIMALS, ("skole", "eldre"), APPROVED,
     {"languages": ("se",)}),
    # Agder
    ("Fevik gartneri", "4202", "4870", "Fevikveien 210", MARKET_GARDEN, ("arbeid", "integrering"), APPROVED, {}),
    ("Osedalen skogsgård", "4214", "4820", "Frolandsveien 300", FORESTRY, ("arbeid",), APPROVED, {}),
    ("Birkeland gård", "4216", "4760", "Birkelandsveien 40", HORSES_CATTLE, ("demens", "skole"), APPROVED, {}),
    ("Konsmo gård", "4225", "4525", "Konsmoveien 88", SHEEP_HENS, ("psyk", "eldre"), APPROVED, {}),
    # Møre og Romsdal
    ("Hjelset gard", "1506", "6450", "Hjelsetvegen 70", SHEEP_HENS, ("demens", "arbeid"), APPROVED, {}),
]  # fmt: skip

SUSPENSION_REASONS = [
    "Avvik ikke lukket innen fristen",
    "Egenrevisjon ikke levert innen fristen",
    "Beredskapsplan og risikovurdering mangler etter revisjonen",
    "Politiattest for ansatte ikke dokumentert innen fristen",
]
PENDING_REASONS = [
    "Egenrevisjon levert, venter på revisjon",
    "Revisjon gjennomført, avvik under lukking",
    "Søknad mottatt, egenrevisjon pågår",
]

# --- What fits each kind of farm ------------------------------------------------------------

KIND_ACTIVITIES = {
    HORSES_CATTLE: ["dyrestell", "ridning", "hoying", "lamming", "vedlikehold", "matlaging", "friluftsliv",
                    "snorydding", "vasking", "ved"],
    SHEEP_HENS: ["dyrestell", "lamming", "hoying", "bar-sopp", "vedlikehold", "matlaging", "friluftsliv",
                 "innhosting", "hage", "ved"],
    FORESTRY: ["skogsarbeid", "ved", "snekring", "vedlikehold", "friluftsliv", "matlaging", "bar-sopp",
               "snorydding", "salg"],
    MARKET_GARDEN: ["hage", "saing", "innhosting", "salg", "matlaging", "vasking", "vedlikehold", "friluftsliv"],
    SMALL_ANIMALS: ["dyrestell", "hage", "matlaging", "friluftsliv", "vedlikehold", "snekring", "vasking"],
}  # fmt: skip

KIND_OFFERS = {
    HORSES_CATTLE: ["demens", "psyk", "skole", "utvikling", "arbeid"],
    SHEEP_HENS: ["demens", "psyk", "arbeid", "skole", "eldre"],
    FORESTRY: ["arbeid", "psyk", "domte", "integrering", "skole"],
    MARKET_GARDEN: ["arbeid", "integrering", "psyk", "demens", "utvikling"],
    SMALL_ANIMALS: ["demens", "skole", "utvikling", "eldre", "psyk"],
}

ANIMAL_WORDS = {
    "hest": "hester",
    "storfe": "kyr",
    "sau": "sau",
    "geit": "geiter",
    "hons": "høner",
    "gris": "griser",
    "kanin": "kaniner",
    "hund": "en snill gårdshund",
    "katt": "katter",
    "alpakka": "alpakkaer",
    "bier": "bier",
}

# Farm descriptions: an opening by kind, a sentence about the year, one about the day, and one
# about access and transport. Two to four sentences in all.
OPENINGS = {
    HORSES_CATTLE: [
        "{name} ligger landlig til i {place}, med hester, storfe og god plass på tunet.",
        "På {name} i {place} driver vi med ammekyr og har hester som trenger stell hver dag.",
        "{name} er et aktivt gårdsbruk i {place} med kyr, kalver og noen rolige hester.",
    ],
    SHEEP_HENS: [
        "{name} er et småbruk i {place} med sau, høner og et stort beite ned mot skogkanten.",
        "På {name} i {place} har vi villsau og høner, og året følger lamming, beiteslipp og sanking.",
        "{name} i {place} driver med sau og egg, i gamle bygninger med utsikt over bygda.",
    ],
    FORESTRY: [
        "{name} i {place} har ikke dyr, men mye skog, et stort vedskjul og et eget snekkerverksted.",
        "På {name} i {place} er det skogen og verkstedet som står i sentrum, og her er det ingen dyr.",
        "{name} er en skogsgård i {place} der arbeidet handler om ved, skogkultur og trearbeid.",
    ],
    MARKET_GARDEN: [
        "{name} i {place} har drivhus, en stor grønnsaksåker og eget gårdsutsalg.",
        "Hos {name} i {place} dyrker vi grønnsaker, bær og blomster, og i veksthusene er det arbeid hele året.",
        "{name} i {place} dyrker økologiske grønnsaker og urter på friland og i tunnelhus.",
    ],
    SMALL_ANIMALS: [
        "{name} i {place} er et lite bruk med {animals}, der det er lett å komme nær dyrene.",
        "På {name} i {place} møter du {animals}, og stell av dyrene er en fast del av dagen.",
    ],
}
YEAR_SENTENCES = {
    HORSES_CATTLE: [
        "Om sommeren er det slått og høyonn, og om vinteren måker vi snø og holder stallen ren og varm.",
        "Kalvingen om våren og beiteslippet i mai er høydepunkter for mange.",
    ],
    SHEEP_HENS: [
        "Våren er lammetid, og om høsten sanker vi sauene fra utmarka og plukker bær i skogen.",
        "Hønene skal ha mat og vann hver dag, og eggene pakkes og selges i bygda.",
    ],
    FORESTRY: [
        "Om vinteren hogger vi ved, og resten av året kapper, kløyver og pakker vi ved i sekker for salg.",
        "Vi lager fuglekasser, biehotell og benker, og holder turstiene i nærmiljøet ryddet.",
    ],
    MARKET_GARDEN: [
        "Om våren sår og planter vi, om sommeren selger vi i gårdsutsalget, og om høsten er det potetopptak.",
        "Det er alltid noe å luke, vanne, høste eller pakke, og alt vi dyrker blir brukt eller solgt.",
    ],
    SMALL_ANIMALS: [
        "Dyrene trenger mat, stell og rene binger, og det gir faste oppgaver å komme til.",
        "Mange synes det er godt å bare sitte i fjøset og kose med dyrene en stund.",
    ],
}
# Sentences for a small farm that has these animals.
ANIMAL_SENTENCES = {
    "kanin": "Det er godt å sitte med en kanin på fanget, og kaninene skal ha rent strø og friskt gress hver dag.",
    "alpakka": "Alpakkaene går tur i grime, og om våren klipper vi ulla og karder den.",
    "hund": "Gårdshunden er med på det meste, og er en god turkamerat i skogen.",
}
DAY_SENTENCES = [
    "Dagen starter med kaffe og en prat på kjøkkenet, og vi spiser lunsj sammen klokka tolv.",
    "Dagen har en fast plan, med arbeid før og etter lunsj og en ettermiddagskaffe der vi ser på det vi har gjort.",
    "Arbeidet tilpasses formen den enkelte har den dagen, og det er alltid lov å ta en pause.",
    "Alle får oppgaver som trengs på gården, og minst én dag i uka lager vi et varmt måltid sammen.",
]  # fmt: skip

WORK_ACTIVITIES = [code for code, _, _ in reference.ACTIVITIES if code != "ridning"]

# A sentence about where the work is done, added to some offers' descriptions.
OFFER_SENTENCES = {
    HORSES_CATTLE: "Dyra i fjøset og stallen gir faste oppgaver hver dag.",
    SHEEP_HENS: "Sauene og hønene gir faste oppgaver hver dag, og om våren hjelper alle til i lammingen.",
    FORESTRY: "Arbeidet foregår i skogen, i vedskjulet og på snekkerverkstedet.",
    MARKET_GARDEN: "Arbeidet foregår i veksthusene, på åkeren og i gårdsutsalget.",
    SMALL_ANIMALS: "Stell av de små dyra gir ro og faste oppgaver.",
}

# Offer templates: code -> (service area, target groups, titles, description, activities that
# fit, weekdays (min, max), places (min, max), hours, price per day (min, max), price unit).
OFFER_TEMPLATES = {
    "demens": (
        ServiceArea.HEALTH,
        ["demens"],
        ["Dagaktivitet for personer med demens", "Dagtilbud for hjemmeboende med demens",
         "Gårdsdag for personer med demens"],
        "Et trygt og forutsigbart dagtilbud for hjemmeboende personer med demens. Vi gjør kjente "
        "gårdsoppgaver sammen, går tur og lager mat, i et tempo som passer den enkelte.",
        ["dyrestell", "hage", "saing", "innhosting", "bar-sopp", "matlaging", "friluftsliv", "vasking", "ved"],
        (2, 4), (3, 6), [("09:30", "15:00"), ("10:00", "15:00"), ("09:00", "14:30")], (1350, 1750), "plass",
    ),
    "psyk": (
        None,  # work or health
        ["psykisk-helse-rus"],
        ["Arbeid og mestring – psykisk helse og rus", "Grønt arbeid for psykisk helse og rus",
         "Meningsfulle dager på gården"],
        "Meningsfylt arbeid og et godt fellesskap for personer med psykiske helseutfordringer eller "
        "rusproblemer. Vi legger vekt på struktur i hverdagen og oppgaver som faktisk trengs.",
        None,
        (2, 4), (2, 6), [("08:30", "14:30"), ("09:00", "15:00"), ("09:00", "14:00")], (1100, 1500), "plass",
    ),
    "arbeid": (
        ServiceArea.WORK,
        ["arbeidssokere"],
        ["Arbeidstrening på gården", "Arbeidstrening med oppfølging", "Arbeidspraksis på gården"],
        "Arbeidstrening i et ekte arbeidsmiljø for personer som står langt fra arbeidslivet. Deltakeren "
        "får faste oppgaver, tett oppfølging og attest etter endt periode.",
        WORK_ACTIVITIES,
        (3, 5), (2, 8), [("08:00", "15:00"), ("08:30", "15:00"), ("08:00", "15:30")], (900, 1300), "plass",
    ),
    "skole": (
        ServiceArea.EDUCATION,
        ["barn-unge"],
        ["Gården som læringsarena", "Alternativ skoledag på gården", "Praktisk læring på gården"],
        "Gården som læringsarena for elever som trenger en annen skolehverdag. Praktisk arbeid "
        "knyttes til fag som matematikk, naturfag og mat og helse.",
        ["dyrestell", "ridning", "hage", "saing", "innhosting", "matlaging", "friluftsliv", "snekring", "lamming",
         "skogsarbeid", "ved"],
        (2, 3), (4, 8), [("08:30", "14:00"), ("09:00", "14:00"), ("08:30", "13:30")], (950, 1400), "elev",
    ),
    "integrering": (
        ServiceArea.INTEGRATION,
        ["flyktninger"],
        ["Språk og arbeid på gården", "Språkpraksis og arbeidstrening"],
        "Språkpraksis og arbeidstrening for flyktninger og innvandrere. Vi snakker norsk i arbeidet og "
        "lærer ord og uttrykk gjennom praktiske oppgaver.",
        WORK_ACTIVITIES,
        (3, 5), (2, 6), [("08:30", "14:30"), ("09:00", "15:00")], (900, 1250), "plass",
    ),
    "utvikling": (
        ServiceArea.HEALTH,
        ["utviklingshemming"],
        ["Dagtilbud for voksne med utviklingshemming", "Arbeid og aktivitet for voksne med utviklingshemming"],
        "Et tilrettelagt dagtilbud for voksne med utviklingshemming, med faste oppgaver, dyr og planter "
        "og mye tid ute.",
        ["dyrestell", "hage", "matlaging", "friluftsliv", "vasking", "ved", "snekring", "innhosting", "salg"],
        (2, 5), (2, 5), [("09:00", "15:00"), ("09:30", "14:30")], (1300, 1700), "plass",
    ),
    "eldre": (
        ServiceArea.PREVENTION,
        ["eldre"],
        ["Møteplass for eldre på gården", "Gårdsdag for eldre"],
        "Et sosialt møtested for eldre som bor hjemme og vil ha noe å gå til. Kaffe, lett arbeid, "
        "felles måltid og turer på gården.",
        ["dyrestell", "hage", "matlaging", "friluftsliv", "bar-sopp", "innhosting", "saing"],
        (2, 3), (4, 8), [("10:00", "14:00"), ("10:00", "14:30")], (900, 1200), "plass",
    ),
    "domte": (
        ServiceArea.CORRECTIONAL,
        ["domte"],
        ["Samfunnsstraff og arbeidstrening", "Arbeid i skog og verksted for domfelte"],
        "Samfunnsstraff og arbeidstrening i samarbeid med kriminalomsorgen. Praktisk arbeid i skog, på "
        "verksted og i drift, med tett oppfølging.",
        ["skogsarbeid", "ved", "snekring", "vedlikehold", "snorydding", "hoying", "innhosting", "salg"],
        (2, 4), (2, 4), [("08:00", "15:00"), ("08:00", "14:30")], (1000, 1300), "plass",
    ),
}  # fmt: skip

FIRST_NAMES = [
    "Kari", "Ola", "Ingrid", "Per", "Anne", "Lars", "Marit", "Knut", "Hilde", "Bjørn", "Silje", "Tor", "Randi",
    "Arne", "Liv", "Jon", "Siri", "Erik", "Tone", "Geir", "Kristin", "Håkon", "Ragnhild", "Vetle", "Guro",
    "Eirik", "Solveig", "Trond", "Hege", "Magnus", "Ida", "Sverre", "Marte", "Øystein", "Berit", "Halvor",
]  # fmt: skip
LAST_NAMES = [
    "Haugen", "Moen", "Berg", "Bakke", "Lie", "Rud", "Tveit", "Nes", "Strand", "Dahl", "Lunde", "Holm", "Eng",
    "Myhre", "Sletten", "Foss", "Kleiven", "Aas", "Brekke", "Vik", "Solberg", "Hovland", "Johansen", "Olsen",
    "Larsen", "Hansen", "Nilsen", "Sæther", "Bøe", "Gjerde", "Tangen", "Rønning", "Aune", "Lund", "Grønli",
]  # fmt: skip
