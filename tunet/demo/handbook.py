"""The demo handbook «Psykisk helse og rus», written for Tunet from the themes of the national
handbook (2022). Content is data, in Norwegian bokmål; chapters for participants and relatives
are in plain, easy-read language.

Each chapter: (key, title, audiences, body). Keys are the stable addresses other pages link to.
"""

from tunet.learning.models import Audience

B, P, D, R = Audience.BUYER, Audience.PROVIDER, Audience.PARTICIPANT, Audience.RELATIVE

HANDBOOK = {
    "slug": "psykisk-helse-og-rus",
    "title": "Psykisk helse og rus",
    "summary": (
        "Håndbok for kjøpere, tilbydere, deltakere og pårørende om Inn på tunet for mennesker som sliter "
        "med psykisk helse og rus: samarbeid, godkjenning, hverdagen på gården og regelverket."
    ),
}


def _link(key, text):
    return f'<a href="/handbok/kapittel/{key}/">{text}</a>'


CHAPTERS = [
    (
        "om-handboka",
        "Om håndboka",
        [B, P, D, R],
        f"""
<p>Mange som strever med psykisk helse eller rus trenger et sted der de blir sett og får bruke
det de kan. På en Inn på tunet-gård er arbeidet ekte: dyra skal ha mat, veden skal kløyves og
gjerdet skal repareres. Det gir dagen en mening, og fellesskapet rundt kaffebordet gir noen å
snakke med.</p>
<p>Denne håndboka er et oppslagsverk for fire grupper:</p>
<ul>
<li><strong>Kjøpere</strong> i kommunen og NAV, som skal finne og følge opp et godt tilbud.</li>
<li><strong>Tilbydere</strong>, altså gårdbrukere som driver eller vil starte et tilbud.</li>
<li><strong>Deltakere</strong>, som er de som kommer til gården.</li>
<li><strong>Pårørende</strong>, som vil vite hva et opphold på gården innebærer.</li>
</ul>
<p>Hvert kapittel er merket med hvem det er skrevet for, og du kan velge å se bare kapitlene
for din gruppe. Håndboka blir revidert når regler og erfaringer endrer seg; godkjenningsordningen
har ansvaret for innholdet.</p>
<p>Du trenger ikke være ekspert på rus eller psykiatri for å drive Inn på tunet. Tilbyderens
viktigste oppgave er å være bonde og arbeidsleder. Samarbeidet har tre parter: deltakeren skal
ha det godt, kjøperen skal få det tilbudet som er avtalt, og gården må ha en økonomi som gjør
det mulig å drive godt over tid. Les mer i
{_link("samspill-kjoper-tilbyder", "Samspill mellom kjøper og tilbyder")}.</p>
""",
    ),
    (
        "samspill-kjoper-tilbyder",
        "Samspill mellom kjøper og tilbyder",
        [B, P],
        f"""
<p>Et godt Inn på tunet-tilbud bygger på et nært samarbeid mellom gården og den som kjøper
plassene. Kjøperen er nesten alltid kommunen eller et NAV-kontor, og de to kjøper ofte av ulike
grunner.</p>
<h2>Kommunen og NAV kjøper ulikt</h2>
<ul>
<li><strong>Kommunen</strong> kjøper ofte plasser uten fast sluttdato. Noen deltakere er på den
samme gården i mange år, fordi tilbudet holder hverdagen stabil. Det er bra for den enkelte,
men betyr at færre får plass.</li>
<li><strong>NAV</strong> kjøper som regel tidsavgrensede plasser med arbeidstrening. Målet er at
deltakeren skal videre til jobb, utdanning eller et annet tiltak, gjerne etter to til tre år.</li>
</ul>
<h2>Før du starter som tilbyder</h2>
<p>Ta kontakt med kommunen og NAV der du bor før du bygger opp tilbudet. Spør hvilke behov de har,
hvilke grupper de trenger plasser for, og hvilken kompetanse de venter at du har. Kommunen holder
ofte kurs som er nyttige for tilbydere, og det er en god måte å bli kjent med dem som tar
beslutningene.</p>
<h2>Avtalen</h2>
<p>Begge parter må vite hva som inngår i tilbudet, og hvem som har det faglige ansvaret for
deltakeren. Bruk standardavtalen for Inn på tunet. Den beskriver blant annet</p>
<ul>
<li>hvor mange plasser og hvilke ukedager,</li>
<li>pris og hvordan fravær regnes,</li>
<li>transport til og fra gården,</li>
<li>faste møtepunkter og kontaktpersoner,</li>
<li>et telefonnummer gården kan ringe når noe akutt skjer,</li>
<li>avtaleperiode (ofte tre år) og oppsigelse.</li>
</ul>
<p>Gården må også ha klare avtaler med sine egne ansatte om hvem som har ansvaret når deltakerne
er på gården.</p>
<h2>Faste møtepunkter</h2>
<p>Deltakerne har ofte sammensatte problemer og kan være i behandling samtidig. Derfor må linjene
mellom gården og kjøperen være korte. Mange kjøpere kommer på gården en gang i uken eller i
måneden; da kan både tilbyder og deltaker ta opp det som er vanskelig, før det vokser seg stort.</p>
<blockquote><p>Ta initiativet selv. En tilbyder som holder jevn kontakt med kjøperen, blir lettere
husket når det skal kjøpes nye plasser.</p></blockquote>
<p>Se også {_link("hva-kjopere-ser-etter", "Hva kjøpere ser etter")}.</p>
""",
    ),
    (
        "hva-kjopere-ser-etter",
        "Hva kjøpere ser etter",
        [B, P],
        f"""
<p>Kommuner og NAV-kontor som har kjøpt Inn på tunet i mange år, peker på de samme tingene når de
forklarer hva som gjør et tilbud godt for mennesker med psykiske helseplager og rusproblemer.</p>
<h2>Det kommunene legger vekt på</h2>
<ul>
<li><strong>Transport.</strong> Mange deltakere hadde ikke kommet seg til gården uten henting.
Turen i bilen gir dessuten gårdbrukeren et første inntrykk av dagsformen.</li>
<li><strong>Dyr.</strong> Dyr får mange til å senke skuldrene, og stell av dyr er arbeid som må
gjøres.</li>
<li><strong>Variert og meningsfylt arbeid</strong> som faktisk trengs på gården.</li>
<li><strong>Natur og frisk luft.</strong></li>
<li><strong>Fellesskapet.</strong> For mange er det her de får venner, også utenom gården.</li>
<li><strong>Synlighet i nærmiljøet.</strong> Turer og oppdrag i bygda gjør deltakerne til en
naturlig del av lokalsamfunnet.</li>
</ul>
<h2>Det NAV legger vekt på</h2>
<ul>
<li>Fornuftige og nyttige arbeidsoppgaver, som gir stolthet og mestring.</li>
<li>En tilbyder som er god med folk og behandler deltakerne med respekt.</li>
<li>Dyr er ikke et krav, men mange har god nytte av dem.</li>
<li>Faste møtepunkter, for eksempel et ukentlig besøk fra veilederen.</li>
<li>Sirkulasjon: plassen er tidsavgrenset, slik at flere får glede av den, og målet er jobb.</li>
</ul>
<h2>Slik bruker du dette som kjøper</h2>
<p>Søk i «Finn gård» etter målgruppen «Psykisk helse og rus», se på transport og ukedager, og be
om et besøk på gården før dere gjør avtale. Spør hvordan en vanlig dag ser ut
(se {_link("en-vanlig-dag", "En vanlig dag på gården")}) og hvordan gården følger opp fravær.</p>
""",
    ),
    (
        "typer-garder",
        "Ulike gårder, ulike tilbud",
        [B, P],
        f"""
<p>Det finnes mer enn 400 godkjente Inn på tunet-gårder i Norge, og de er svært forskjellige.
Noen har mange dyr, andre ingen. Det finnes mange måter å lykkes på. Her er tre typer gårder som
ofte gir tilbud innen psykisk helse og rus.</p>
<h2>Gården med mange dyr</h2>
<p>På en gård med storfe, hester og høner blir tilbudet bygget rundt dyra. Dyr møter mennesker
uten fordommer, og de skaper naturlige og nødvendige oppgaver hver dag: fôring, møkking og stell.
En deltaker som er redd for store dyr, kan begynne med hønene og vokse derfra.</p>
<h2>Gården uten dyr</h2>
<p>En gård med korn, skog og vedproduksjon har mer enn nok å gjøre: skogskjøtsel, vedhogst,
vedlikehold av maskiner og bygninger, snekring av fuglekasser og skilt, stell av stier og
kulturminner, og oppdrag for folk i bygda. Trenger en deltaker dyr, kan en nabo med dyr være en
løsning.</p>
<h2>Gården med arbeidstrening for NAV</h2>
<p>Noen gårder tar imot mange i arbeidstrening samtidig, ofte yngre deltakere som aldri har
jobbet i landbruket. Der er dagene lagt opp som en arbeidsplass: sau og høns, skogrydding,
stier og landskapspleie, og matlaging med råvarer fra gården. Flere har gått herfra til fast
jobb.</p>
<h2>Dyr i tilbudet</h2>
<p>Samspill med dyr kan hjelpe mennesker til å tørre å stole på andre igjen. Vil du bruke dyr,
tenk gjennom på forhånd:</p>
<ul>
<li>Har dyret det bra, og får det dekket sine behov?</li>
<li>Er dyret vant til situasjonen du tar det med inn i?</li>
<li>Hva er målet med møtet mellom dyr og deltaker?</li>
<li>Hva gjør du hvis forutsetningene endrer seg underveis?</li>
<li>Hvordan sørger du for at alle har det bra, også du selv?</li>
</ul>
<p>Les hva gårdene gjør gjennom året i {_link("aktiviteter-gjennom-aret", "Aktiviteter gjennom året")}.</p>
""",
    ),
    (
        "bli-godkjent",
        "Slik blir gården godkjent",
        [P, B],
        f"""
<p>Bare godkjente gårder kan bruke navnet og logoen Inn på tunet. Godkjenningen viser kjøperen at
gården følger lover og forskrifter, og at tilbudet er trygt og kvalitetssikret.</p>
<h2>Steg for steg</h2>
<ol>
<li><strong>Meld deg hos godkjenningsordningen</strong> (Stiftelsen Norsk Mat) og registrer gården.
I Tunet lager du gårdsprofilen under «Min gård».</li>
<li><strong>Gå gjennom sjekklistene</strong> i Kvalitetssystem i landbruket (KSL): «Generelle krav
til gården», «Helse, miljø og sikkerhet» (med godkjent HMS-opplæring) og «Inn på tunet». Har
gården dyr eller annen produksjon, gjelder også de sjekklistene.</li>
<li><strong>Gjør egenrevisjonen</strong>: svar på hvert punkt, og sett opp tiltak med ansvarlig og
frist der noe mangler.</li>
<li><strong>Last opp dokumentene</strong>: beredskapsplan, risikovurdering for hver deltaker og
hver kjøper, forsikring, politiattest når deltakerne er under 18 år, og registrering av dyr hos
Mattilsynet.</li>
<li><strong>Revisjonen</strong>: en revisor besøker gården og sjekker egenrevisjonen mot det som
faktisk er der.</li>
<li><strong>Lukk avvikene</strong> innen fristene, med dokumentasjon på det du har gjort.</li>
<li><strong>Godkjent!</strong> Godkjenningen gjelder i to år. Gården vises da i «Finn gård».</li>
</ol>
<h2>Mens du venter</h2>
<p>Ta gjerne {_link("inn-pa-tunet-skolen", "Inn på tunet-skolen")} mens godkjenningen pågår. Den gir en
god innføring i hva Inn på tunet er.</p>
<p>Hvordan revisjonen foregår, og hvordan du lukker avvik, står i
{_link("revisjon-og-avvik", "Revisjon og avvik")}.</p>
""",
    ),
    (
        "revisjon-og-avvik",
        "Revisjon og avvik",
        [P],
        """
<p>Kvalitetssystemet skal hjelpe deg å systematisere og utvikle virksomheten, ikke bare være
papirarbeid. Brukt aktivt gir det et trygt tilbud som er tilpasset deltakerne, og kjøperen får
oversikt over kvaliteten.</p>
<h2>Hvert år: egenrevisjonen</h2>
<p>Du går gjennom alle sjekklistene minst én gang i året og svarer ærlig på hvert punkt. Der noe
ikke er på plass, skriver du et tiltak, hvem som har ansvaret og en frist.</p>
<h2>Hvert andre år: revisoren kommer</h2>
<p>Revisoren sammenligner egenrevisjonen med virkeligheten. Hun eller han ser etter om gården er
tilrettelagt, om det finnes nødvendig kompetanse, om HMS er vurdert for alle aktiviteter, og om
dokumentene er på plass. Orden og renhold teller også.</p>
<h2>Tips før revisjonen</h2>
<ul>
<li>Egenrevisjonen er alltid grunnlaget. Gjør den grundig.</li>
<li>Lukk avvikene du selv har funnet før revisoren kommer.</li>
<li>Ha dokumentasjonen samlet og lett å finne.</li>
<li>Vit hvilke skjema som gjelder for dyra dine.</li>
<li>Reseptbelagte medisiner skal stå i låst skap.</li>
<li>Sjekk brannslukningsapparatene.</li>
</ul>
<h2>Avvik og frister</h2>
<p>Avvik som revisoren finner, skal lukkes innen fristen, med dokumentasjon. Når avvikene er
lukket, blir gården godkjent for to nye år. Lukkes de ikke, mister gården godkjenningen og blir
borte fra katalogen.</p>
""",
    ),
    (
        "aktiviteter-gjennom-aret",
        "Aktiviteter gjennom året",
        [P, B, D],
        """
<p>Arbeidet må være ekte. Alle som har erfaring fra Inn på tunet sier det samme: du kan ikke sette
folk til å sortere skruer og blande dem sammen igjen om ettermiddagen. Oppgavene skal trengs, og
de følger årstidene.</p>
<h2>Vår</h2>
<ul>
<li>Våronn: enkelt arbeid på jordet, steinplukking og gjerdereparasjon.</li>
<li>Skogplanting og rydding etter vinteren.</li>
<li>Maling og vedlikehold av bygninger.</li>
</ul>
<h2>Sommer</h2>
<ul>
<li>Stell av dyr på beite, gjerder og vann.</li>
<li>Plenklipping, hagearbeid og grøntareal.</li>
<li>Stell av turstier og kulturminner, gjerne sammen med kommunen eller historielaget.</li>
<li>Friluftsliv: turer, bål, kano og sykkel.</li>
</ul>
<h2>Høst</h2>
<ul>
<li>Innhøsting av epler, bær og grønnsaker, og syltetøy av det som blir plukket.</li>
<li>Lauvraking og beskjæring av trær.</li>
<li>Vedhogst, kløyving og vedsekker som kjøres ut til kunder.</li>
</ul>
<h2>Vinter</h2>
<ul>
<li>Snømåking og innefôring av dyra.</li>
<li>Snekring i verkstedet: fuglekasser, fuglebrett, insekthotell og skilt.</li>
<li>Enkelt vedlikehold av traktor og redskap.</li>
</ul>
<h2>Hele året</h2>
<ul>
<li>Måltidene: å lage mat sammen og å samles rundt bordet.</li>
<li>Rydding og kildesortering.</li>
<li>Turer i nærmiljøet og utflukter som deltakerne ønsker seg.</li>
</ul>
""",
    ),
    (
        "en-vanlig-dag",
        "En vanlig dag på gården",
        [B, P, D, R],
        """
<p>Slik kan en dag på gården se ut. Hver gård gjør det litt ulikt, og dagen blir lagt opp etter
hvordan deltakerne har det.</p>
<h2>Morgen: henting</h2>
<p>Gårdbrukeren henter deltakerne med bil. I bilen er det tid til å prate og til å kjenne etter
hvordan dagen er. Planen for dagen er ikke hogd i stein.</p>
<h2>Kaffe</h2>
<p>Først er det kaffe og en prat. Mange har noe de vil fortelle, og det får ta den tiden det
trenger.</p>
<h2>Arbeid</h2>
<p>Så starter arbeidet: dyrestell eller det gården trenger den dagen, for eksempel å male, klippe
plenen eller høste frukt.</p>
<h2>Lunsj klokka 12</h2>
<p>Alle spiser sammen. Noen dager lager dere varm mat og lærer å bruke råvarer fra gården og
rester. Det er lov å sitte for seg selv hvis man trenger det.</p>
<h2>Ettermiddag</h2>
<p>Etter maten er det en time til med arbeid. Til slutt er det ettermiddagskaffe, der dere ser på
det som er gjort. Da er det tid for ros, og for å ta opp ting som er vanskelige.</p>
<h2>Hjem</h2>
<p>Gårdbrukeren kjører deltakerne hjem. Alle er litt slitne etter en dag ute.</p>
""",
    ),
    (
        "deltakerne-forteller",
        "Deltakerne forteller",
        [B, P, D, R],
        """
<p>De som vet best hvordan Inn på tunet virker, er deltakerne selv. Her forteller tre av dem,
med andre navn, om hva gården betyr for dem.</p>
<h2>«Her er jeg en vanlig arbeider»</h2>
<p>Lise har kjempet mot rusen siden hun var ung, og har hatt flere tilbakefall. Hver dag er et
valg. På gården steller hun hester og geiter, og hun ba selv kommunen om tre dager i uken i
stedet for to.</p>
<blockquote><p>Her føler jeg meg nyttig. Jeg er ikke en klient eller pasient, jeg er en vanlig
arbeider.</p></blockquote>
<p>Hun drømmer om sitt eget småbruk en dag.</p>
<h2>«Noen stoler på meg»</h2>
<p>Tor har vært på en gård uten dyr i mange år. Han er i legemiddelassistert rehabilitering, og
mye av hukommelsen er borte. Han snekrer insekthotell, pakker ved og har egne nøkler til gården.</p>
<blockquote><p>Første gang jeg så at bonden lot nøklene stå i bilen, skjønte jeg at han stolte på
meg.</p></blockquote>
<h2>«Dyra fyller tomrommet»</h2>
<p>Einar har vært på en gård med mange dyr i elleve år. Når han prøver å slutte med rus, blir det
et stort tomrom. Dyra og gjengen på gården fyller det.</p>
<blockquote><p>Her trenger jeg ikke gjemme meg. Det er lov å ha en dårlig dag.</p></blockquote>
<h2>Det de har felles</h2>
<ul>
<li>Arbeidet er nyttig, og de blir sett for det de kan.</li>
<li>Fellesskapet gjør dem mindre ensomme.</li>
<li>Tillit fra gårdbrukeren betyr mye.</li>
<li>Faste dager gir struktur i hverdagen.</li>
</ul>
""",
    ),
    (
        "til-deg-som-er-deltaker",
        "Til deg som er deltaker",
        [D, R],
        """
<p>Denne siden er for deg som skal være på en Inn på tunet-gård.</p>
<h2>Hva skjer på gården?</h2>
<ul>
<li>Du jobber sammen med bonden og de andre.</li>
<li>Dere steller dyr, hogger ved, snekrer eller jobber i hagen.</li>
<li>Dere spiser lunsj sammen.</li>
<li>Du kan ta pauser når du trenger det.</li>
</ul>
<h2>Hvem bestemmer?</h2>
<p>Du bestemmer sammen med kommunen eller NAV hvilke dager du skal være på gården. Bonden hjelper
deg å finne oppgaver du liker og får til.</p>
<h2>Hvis du ikke kan komme</h2>
<p>Si fra til gården så tidlig du kan. Det er viktig, fordi oppmøtet blir registrert. For noen
påvirker oppmøtet også pengene de får fra NAV.</p>
<h2>Hvis noe er vanskelig</h2>
<ul>
<li>Snakk med bonden.</li>
<li>Du kan også snakke med kontaktpersonen din i kommunen eller NAV.</li>
<li>Det er faste møter der dere snakker om hvordan det går.</li>
</ul>
<h2>Dine opplysninger</h2>
<p>Bare gården og kommunen eller NAV kan se opplysningene om deg. Du kan se hvem som har sett
dem.</p>
""",
    ),
    (
        "til-deg-som-er-parorende",
        "Til deg som er pårørende",
        [R],
        """
<p>Denne siden er for deg som er familie eller verge til en som er på en Inn på tunet-gård.</p>
<h2>Hva er Inn på tunet?</h2>
<p>Inn på tunet er et tilbud på en godkjent gård. Kommunen eller NAV betaler for plassen.
Deltakerne gjør vanlig gårdsarbeid, spiser sammen og er en del av et fellesskap.</p>
<h2>Hva kan du gjøre?</h2>
<ul>
<li>Snakk med den du er pårørende til om hvordan dagene på gården er.</li>
<li>Spør om du kan være med på et besøk på gården.</li>
<li>Si fra til gården hvis du vet at det ikke blir oppmøte en dag.</li>
</ul>
<h2>Samtykke</h2>
<p>Du får bare se opplysninger om deltakeren hvis deltakeren har sagt ja til det.</p>
<h2>Hvem kan du kontakte?</h2>
<ul>
<li>Gården, om det som skjer på gården.</li>
<li>Kontaktpersonen i kommunen eller NAV, om plassen og målene.</li>
</ul>
""",
    ),
    (
        "aktivitetsplikt",
        "Aktivitetsplikt og arbeidsavklaringspenger",
        [B, P],
        """
<p>Mange deltakere innen psykisk helse og rus får økonomisk sosialhjelp eller
arbeidsavklaringspenger. Begge er knyttet til krav om aktivitet, og et opphold på gården kan være
en måte å oppfylle dem på. Her er en kort oversikt; kjøperen har ansvaret for vedtakene.</p>
<h2>Aktivitetsplikt for unge med sosialhjelp</h2>
<ul>
<li>Personer under 30 år som får økonomisk sosialhjelp, har aktivitetsplikt
(sosialtjenesteloven § 20 a).</li>
<li>NAV-kontoret setter vilkår om aktivitet i vedtaket om stønad. Vilkåret skal være egnet til å
hjelpe personen mot arbeid, utdanning eller å forsørge seg selv.</li>
<li>Før vilkår settes, skal NAV vurdere den enkeltes situasjon. Helseplager kan gjøre at andre
ting må ordnes først.</li>
<li>Vilkårene skal helst lages sammen med personen. Det kan ikke settes vilkår om at noen skal
ta imot en bestemt behandling for helseplager eller rus.</li>
<li>NAV må ha en måte å fange opp om vilkårene er oppfylt. Derfor er gårdens registrering av
oppmøte viktig.</li>
</ul>
<h2>Arbeidsavklaringspenger (AAP)</h2>
<ul>
<li>AAP er en statlig ytelse etter folketrygdloven kapittel 11.</li>
<li>Mottakeren skal bidra aktivt for å komme i arbeid. Kravene står i en aktivitetsplan
(folketrygdloven § 11-7), som tilpasses funksjonsnivået og endres ved behov.</li>
<li>NAV skal følge tett opp mottakere med rusavhengighet, fordi de lettere faller ut av avtalt
aktivitet.</li>
</ul>
<h2>Hva betyr dette for gården?</h2>
<p>Registrer oppmøtet hver dag, og meld fra til kjøperen når en deltaker uteblir. Da kan NAV
følge opp i tide, før fraværet får følger for deltakeren.</p>
""",
    ),
    (
        "kvalifiseringsprogrammet",
        "Kvalifiseringsprogrammet",
        [B, P],
        f"""
<p>Kvalifiseringsprogrammet (KVP) er en kommunal tjeneste som NAV-kontoret gir. Flere Inn på
tunet-gårder tar imot deltakere i programmet, ofte som arbeidstrening.</p>
<h2>Hvem kan få kvalifiseringsprogrammet?</h2>
<ul>
<li>Personer med vesentlig nedsatt arbeids- og inntektsevne,</li>
<li>som har ingen eller svært små ytelser fra folketrygden eller etter arbeidsmarkedsloven,</li>
<li>og som trenger tett og samordnet hjelp.</li>
</ul>
<p>Det kan være personer som har lite tilknytning til arbeidslivet, mangler skolegang, har
fysiske eller psykiske plager eller sliter med rus. Mange har flere slike utfordringer samtidig.</p>
<h2>Hvordan programmet er lagt opp</h2>
<ul>
<li>Programmet er helårig og på full tid.</li>
<li>Deltakeren får kvalifiseringsstønad for hver dag hun eller han deltar.</li>
<li>Ved fravær blir stønaden som hovedregel redusert tilsvarende.</li>
<li>Reglene står i sosialtjenesteloven §§ 29–36.</li>
</ul>
<h2>Oppmøtet avgjør stønaden</h2>
<p>Fordi stønaden følger oppmøtet, må gården registrere hver dag riktig: til stede, fravær med
beskjed, fravær uten beskjed, sendt hjem eller gården stengt. Registreringen blir grunnlaget for
både fakturaen til kjøperen og deltakerens stønad.</p>
<p>Se også {_link("aktivitetsplikt", "Aktivitetsplikt og arbeidsavklaringspenger")}.</p>
""",
    ),
    (
        "inn-pa-tunet-skolen",
        "Inn på tunet-skolen",
        [P],
        """
<p>Inn på tunet-skolen er et nettkurs for deg som nettopp har startet som tilbyder, eller som
vurderer å gjøre det. Kurset er gratis, og du kan ta det mens gården er i
godkjenningsprosessen.</p>
<p>Kurset har fire leksjoner:</p>
<ol>
<li>Hva Inn på tunet er</li>
<li>Gården som arena</li>
<li>Gårdbrukeren som ressurs</li>
<li>Inn på tunet som næringsvei</li>
</ol>
<p>Hver leksjon har tekst, oppgaver du kan tenke gjennom og en quiz. Når du har bestått alle
fire, får du et kursbevis som kjøpere og godkjenningsordningen kan sjekke.</p>
<p><a href="/skolen/">Gå til Inn på tunet-skolen</a></p>
""",
    ),
]
