"""The three standards an IPT farm is approved against, as demo content: version 1 of each, in force.

Written for the demo in our own words after the public description of the scheme (general farm
requirements, HMS and Inn på tunet), not copied from KSL. The approval body edits them in the app.
"""

from django.db import transaction
from django.utils import timezone

from tunet.approval.models import AppliesWhen, DocumentType, Item, Section, Standard, StandardVersion, VersionStatus

A = AppliesWhen
D = DocumentType


def req(code, requirement, guidance, applies_when=A.ALWAYS, document_type=""):
    return {
        "code": code,
        "requirement": requirement,
        "guidance": guidance,
        "applies_when": applies_when,
        "document_type": document_type,
    }


STANDARDS = [
    {
        "code": "generelle-krav",
        "name": "Generelle krav til gården",
        "description": "Krav som gjelder alle gårder i ordningen: registreringer, dokumentasjon, orden på tunet "
        "og dyrehold.",
        "sections": [
            (
                "Gården og registreringene",
                [
                    req(
                        "GK 1.1",
                        "Gården er registrert i Enhetsregisteret, og opplysningene der er oppdatert.",
                        "Sjekk at navn, adresse og daglig leder stemmer i Brønnøysundregistrene.",
                    ),
                    req(
                        "GK 1.2",
                        "Alle dyr på gården er registrert hos Mattilsynet.",
                        "Gjelder også hester, småfe og fjørfe. Ta med kvittering eller utskrift fra Mattilsynets "
                        "skjematjenester. Har du bare noen få høner, kan det hende registrering ikke kreves – "
                        "sjekk reglene for ditt dyrehold.",
                        A.ANIMALS,
                        D.FOOD_AUTHORITY,
                    ),
                    req(
                        "GK 1.3",
                        "Gården har oversikt over lover og forskrifter som gjelder for driften.",
                        "En enkel liste over regelverket for hver produksjon holder. Landbruksrådgivningen kan hjelpe.",
                    ),
                    req(
                        "GK 1.4",
                        "Gården har forsikringer som dekker bygninger, driftsløsøre, dyr og ansvar.",
                        "Legg inn forsikringsbeviset med gyldighetsdato, så får du varsel før det går ut.",
                        document_type=D.INSURANCE,
                    ),
                ],
            ),
            (
                "Dokumentasjon og internkontroll",
                [
                    req(
                        "GK 2.1",
                        "Egenrevisjonen gjennomføres minst én gang i året.",
                        "Egenrevisjonen er grunnlaget for revisjonen. Svar ærlig: et «Nei» med et godt tiltak er "
                        "bedre enn et «Ja» som ikke stemmer.",
                    ),
                    req(
                        "GK 2.2",
                        "Dokumentasjonen er ordnet og lett å finne når revisor kommer.",
                        "Samle alt på ett sted, i perm eller digitalt, med en innholdsliste. Revisor skal kunne "
                        "se beredskapsplan, risikovurderinger, forsikringer og kursbevis uten leting.",
                    ),
                    req(
                        "GK 2.3",
                        "Avvik har et tiltak, en ansvarlig og en frist, og lukkes innen fristen.",
                        "Skriv konkret hva som skal gjøres og av hvem. Avvik fra revisjonen skal være lukket "
                        "innen fristen revisor setter, ellers får ikke gården godkjenning.",
                    ),
                    req(
                        "GK 2.4",
                        "Gården har en skriftlig rutine for å melde, følge opp og lukke avvik.",
                        "Rutinen sier hvem som melder, hvem som følger opp, og hvordan det dokumenteres at avviket "
                        "er lukket. Gjør den kjent for alle som jobber på gården.",
                    ),
                ],
            ),
            (
                "Tun, bygninger og miljø",
                [
                    req(
                        "GK 3.1",
                        "Tun, bygninger og arbeidsplasser er ryddige og rene.",
                        "Revisor ser etter orden og renslighet i alle rom deltakerne bruker, også toalett og "
                        "garderobe.",
                    ),
                    req(
                        "GK 3.2",
                        "Kjemikalier og plantevernmidler er merket og oppbevares låst.",
                        "Ha sikkerhetsdatablad for produktene. Deltakere skal ikke ha tilgang uten tilsyn.",
                    ),
                    req(
                        "GK 3.3",
                        "Avfall sorteres, og farlig avfall leveres til godkjent mottak.",
                        "Spillolje, batterier og kjemikalierester lagres for seg til de kjøres bort.",
                    ),
                    req(
                        "GK 3.4",
                        "Drikkevannet har god kvalitet.",
                        "Har gården egen brønn, ta vannprøve minst hvert tredje år og etter lange tørkeperioder "
                        "eller flom.",
                    ),
                ],
            ),
            (
                "Dyrehold og dyrevelferd",
                [
                    req(
                        "GK 4.1",
                        "Dyrene har tilsyn minst to ganger om dagen og stelles etter dyrevelferdsloven.",
                        "Lag en plan for hvem som har tilsyn i helger, ferier og ved sykdom.",
                        A.ANIMALS,
                    ),
                    req(
                        "GK 4.2",
                        "Syke og skadde dyr skilles ut og behandles, og veterinær tilkalles ved behov.",
                        "Ha en sykebinge eller et sted der dyret kan være i ro, og telefonnummer til veterinær "
                        "godt synlig.",
                        A.ANIMALS,
                    ),
                    req(
                        "GK 4.3",
                        "Behandling av dyr med legemidler føres i journal.",
                        "Journalen viser dato, dyr, legemiddel og tilbakeholdelsestid.",
                        A.ANIMALS,
                    ),
                    req(
                        "GK 4.4",
                        "Dyrene har nok fôr og rent vann av god kvalitet.",
                        "Sjekk drikkekar og vannledninger daglig, særlig i kuldeperioder.",
                        A.ANIMALS,
                    ),
                ],
            ),
        ],
    },
    {
        "code": "hms",
        "name": "Helse, miljø og sikkerhet (HMS)",
        "description": "Krav til opplæring, beredskap, trygg bruk av maskiner og god hygiene, inkludert godkjent "
        "HMS-opplæring.",
        "sections": [
            (
                "Organisering og opplæring",
                [
                    req(
                        "HMS 1.1",
                        "Daglig leder har gjennomført godkjent HMS-opplæring for landbruket.",
                        "Kurset tas for eksempel gjennom Landbrukets HMS-tjeneste. Legg kursbeviset i dokumentarkivet.",
                        document_type=D.HMS_TRAINING,
                    ),
                    req(
                        "HMS 1.2",
                        "Alle som arbeider på gården får opplæring i oppgaver, maskiner og rutiner før de "
                        "begynner, og opplæringen er dokumentert.",
                        "En kort liste med dato, tema og signatur holder. Gjelder også avløsere og sesonghjelp.",
                    ),
                    req(
                        "HMS 1.3",
                        "Gården har en skriftlig og oppdatert risikovurdering av arbeidet og arbeidsmiljøet.",
                        "Gå gjennom gården sammen: hva kan gå galt, hvor ille blir det, og hva gjør vi for å "
                        "hindre det? Oppdater når noe endrer seg.",
                    ),
                ],
            ),
            (
                "Beredskap og førstehjelp",
                [
                    req(
                        "HMS 2.1",
                        "Gården har en skriftlig beredskapsplan som alle kjenner.",
                        "Planen har varslingsliste med telefonnumre, adresse og veibeskrivelse for "
                        "utrykning, møteplass, og hvem som gjør hva ved brann, ulykke, sykdom og dyr på "
                        "avveie. Heng den opp der alle ser den, og gå gjennom den hvert år.",
                        document_type=D.EMERGENCY_PLAN,
                    ),
                    req(
                        "HMS 2.2",
                        "Førstehjelpsutstyr er lett tilgjengelig, og innholdet sjekkes jevnlig.",
                        "Ha skrin i driftsbygningen, i oppholdsrommet og i bilen.",
                    ),
                    req(
                        "HMS 2.3",
                        "Minst én voksen med oppdatert førstehjelpskurs er til stede når deltakere er på gården.",
                        "Et kurs bør friskes opp hvert tredje år.",
                    ),
                    req(
                        "HMS 2.4",
                        "Brannslukkingsapparatene er kontrollert, og de henger synlig og lett tilgjengelig.",
                        "Kontrollen kan gjøres av Norsk Landbruksrådgivning eller en annen fagkyndig. Last opp "
                        "kontrollbeviset med dato for neste kontroll.",
                        document_type=D.FIRE_INSPECTION,
                    ),
                    req(
                        "HMS 2.5",
                        "Rømningsveier er merket og frie, og røykvarslerne virker.",
                        "Test røykvarslerne hver måned og bytt batteri hvert år.",
                    ),
                ],
            ),
            (
                "Maskiner, utstyr og legemidler",
                [
                    req(
                        "HMS 3.1",
                        "Traktor og maskiner er i forsvarlig stand, og vern og skjermer sitter på.",
                        "Kraftoverføringsakslinger skal være skjermet. Maskiner som ikke er i bruk, settes "
                        "i sikker stilling med nøkkelen tatt ut.",
                    ),
                    req(
                        "HMS 3.2",
                        "Deltakere bruker bare maskiner og verktøy de har fått opplæring i, og under tilsyn.",
                        "Vurder hver deltaker for seg i risikovurderingen. Deltakere kjører ikke traktor uten "
                        "gyldig førerrett og en egen vurdering.",
                    ),
                    req(
                        "HMS 3.3",
                        "Verneutstyr finnes i riktige størrelser og brukes.",
                        "For eksempel hansker, hørselvern, vernesko, og hjelm med visir ved motorsagarbeid.",
                    ),
                    req(
                        "HMS 3.4",
                        "All reseptbelagt medisin på gården, til dyr og mennesker, oppbevares i låst skap.",
                        "Nøkkelen oppbevares slik at deltakere ikke får tak i den.",
                    ),
                ],
            ),
            (
                "Smittevern og hygiene",
                [
                    req(
                        "HMS 4.1",
                        "Det er håndvask med såpe og papirhåndklær nær dyrene, og alle vasker hendene etter "
                        "dyrekontakt og før måltider.",
                        "Dyr kan smitte mennesker (zoonoser), for eksempel med E. coli og ringorm. God "
                        "håndhygiene er det viktigste tiltaket.",
                        A.ANIMALS,
                    ),
                    req(
                        "HMS 4.2",
                        "Gården har rutiner som hindrer smitte mellom dyr og mennesker.",
                        "Eget tøy og fottøy i fjøset, og en vurdering av deltakere med svekket immunforsvar "
                        "eller som er gravide.",
                        A.ANIMALS,
                    ),
                ],
            ),
        ],
    },
    {
        "code": "inn-pa-tunet",
        "name": "Inn på tunet",
        "description": "Krav til selve velferdstilbudet: avtaler med kjøper, trygghet for deltakerne, "
        "taushetsplikt, transport og måltider.",
        "sections": [
            (
                "Tilbudet og kjøperen",
                [
                    req(
                        "IPT 1.1",
                        "Tilbudet er beskrevet skriftlig: målgruppe, aktiviteter, dager, åpningstid og plasser.",
                        "Beskrivelsen i gårdsprofilen på Tunet kan brukes.",
                    ),
                    req(
                        "IPT 1.2",
                        "Det er skriftlig avtale med hver kjøper, med kontaktpersoner og telefonnummer ved "
                        "nødssituasjoner.",
                        "Standardavtalen for Inn på tunet er et godt utgangspunkt.",
                    ),
                    req(
                        "IPT 1.3",
                        "Det er gjort en risikovurdering for hver kjøper.",
                        "Hva skal varsles til kjøperen og når, hvem følger opp, og hva gjør dere hvis en "
                        "deltaker ikke blir hentet?",
                        document_type=D.RISK_BUYER,
                    ),
                    req(
                        "IPT 1.4",
                        "Forsikringene dekker deltakerne og IPT-virksomheten.",
                        "Spør forsikringsselskapet om ansvars- og ulykkesforsikring for deltakere uten arbeidsavtale.",
                        document_type=D.INSURANCE,
                    ),
                    req(
                        "IPT 1.5",
                        "Tilbyderen har kompetanse som passer målgruppen.",
                        "For eksempel kurs i demens eller psykisk helse, og Inn på tunet-skolen.",
                    ),
                ],
            ),
            (
                "Deltakerne",
                [
                    req(
                        "IPT 2.1",
                        "Det er gjort en skriftlig risikovurdering for hver deltaker før oppstart.",
                        "Vurder helse, hvilke oppgaver og dyr deltakeren kan være med på, og behovet for "
                        "tilsyn. Oppdater vurderingen når noe endrer seg.",
                        document_type=D.RISK_PARTICIPANT,
                    ),
                    req(
                        "IPT 2.2",
                        "Arbeidet er meningsfullt og tilpasset den enkelte deltakeren.",
                        "Bruk ekte og nødvendige oppgaver som følger årstidene på gården, ikke oppgaver som "
                        "bare finnes for å fylle tiden.",
                    ),
                    req(
                        "IPT 2.3",
                        "Hver deltaker har mål for oppholdet, og målene følges opp i møter med kjøperen.",
                        "Skriv kort hva som er avtalt i hvert møte.",
                    ),
                    req(
                        "IPT 2.4",
                        "Hendelser og ulykker meldes til kjøperen og registreres som avvik.",
                        "Rutinen sier hva som meldes straks, og hva som tas opp i neste oppfølgingsmøte.",
                    ),
                ],
            ),
            (
                "Taushetsplikt og politiattest",
                [
                    req(
                        "IPT 3.1",
                        "Alle som arbeider med deltakerne har skrevet under en taushetserklæring.",
                        "Gjelder også familie, avløsere og sesonghjelp som møter deltakerne.",
                    ),
                    req(
                        "IPT 3.2",
                        "Alle som arbeider med deltakere under 18 år har levert politiattest.",
                        "Attesten bestilles hos politiet med en bekreftelse på formålet, og skal ikke være "
                        "eldre enn tre måneder når den leveres.",
                        A.UNDER_18,
                        D.POLICE_CERTIFICATE,
                    ),
                    req(
                        "IPT 3.3",
                        "Opplysninger om deltakerne oppbevares låst, og bare de som trenger dem har tilgang.",
                        "Papirer i låst skap; digitale opplysninger bare i tjenester med personlig pålogging.",
                    ),
                ],
            ),
            (
                "Transport og måltider",
                [
                    req(
                        "IPT 4.1",
                        "Bilen som kjører deltakere er godkjent for antall passasjerer, og alle har eget sete "
                        "med setebelte.",
                        "Barn under 135 cm bruker godkjent sikringsutstyr. Bilen er EU-kontrollert.",
                        A.TRANSPORT,
                    ),
                    req(
                        "IPT 4.2",
                        "Den som kjører har gyldig førerkort for bilen og kjenner rutinen ved uhell.",
                        "Ha beredskapsplanen og telefonnumrene til kjøperen i bilen.",
                        A.TRANSPORT,
                    ),
                    req(
                        "IPT 4.3",
                        "Måltidene er gode og næringsrike, og deltakerne er med på å lage maten der det passer.",
                        "Kjenn til allergier og spesielle behov for kost hos hver deltaker.",
                    ),
                    req(
                        "IPT 4.4",
                        "Kjøkkenet holdes rent, og maten oppbevares og tilberedes etter god hygiene.",
                        "Kjøleskapet holder høyst 4 °C, og varm mat holdes varm eller kjøles raskt ned.",
                    ),
                ],
            ),
        ],
    },
]


@transaction.atomic
def load():
    """Create the three standards with version 1 in force (idempotent).

    A standard that already has a version is left alone: the approval body may have changed it.
    """
    now = timezone.now()
    for order, data in enumerate(STANDARDS, start=1):
        standard, _created = Standard.objects.update_or_create(
            code=data["code"],
            defaults={"name": data["name"], "description": data["description"], "sort_order": order},
        )
        if standard.versions.exists():
            continue
        version = StandardVersion.objects.create(
            standard=standard,
            number=1,
            status=VersionStatus.PUBLISHED,
            published_at=now,
            notes="Første versjon.",
        )
        for position, (title, items) in enumerate(data["sections"]):
            section = Section.objects.create(version=version, position=position, title=title)
            Item.objects.bulk_create(
                Item(section=section, version=version, position=n, **item) for n, item in enumerate(items)
            )
