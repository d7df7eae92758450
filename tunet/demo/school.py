"""The demo IPT school: four lessons, each with text, tasks and a quiz. Content is data, in
Norwegian bokmål. Each question: (text, explanation, [(option, is_correct), ...])."""

COURSE = {
    "slug": "inn-pa-tunet-skolen",
    "title": "Inn på tunet-skolen",
    "summary": (
        "Et nettkurs for nye tilbydere og deg som vurderer å bli det: hva Inn på tunet er, hvordan gården "
        "og du selv er ressursen, og hvordan du driver tilbudet som en næring."
    ),
    "pass_mark": 75,
}

LESSONS = [
    {
        "number": 1,
        "slug": "hva-er-inn-pa-tunet",
        "title": "Hva Inn på tunet er",
        "video_url": "https://www.youtube.com/results?search_query=inn+p%C3%A5+tunet",
        "video_title": "Filmer om Inn på tunet fra gårder i hele landet",
        "body": """
<p>Inn på tunet (IPT) er tilrettelagte og kvalitetssikrede velferdstjenester på gårdsbruk. Målet
er mestring, utvikling og trivsel, og aktivitetene henter innholdet sitt fra gården, livet og
arbeidet der.</p>
<h2>Tjenesteområdene</h2>
<ul>
<li>Oppvekst og opplæring</li>
<li>Arbeid og rehabilitering</li>
<li>Helse og omsorg, for eksempel dagaktivitet for personer med demens</li>
<li>Integrering, kriminalomsorg og forebygging</li>
</ul>
<h2>Hvem kjøper?</h2>
<p>Det er i hovedsak kommuner og NAV som kjøper plasser. Deltakerne kommer på faste dager, ofte
hentet av gårdbrukeren, gjør ekte gårdsarbeid og spiser sammen. Kjøperen følger opp i faste møter.</p>
<h2>Godkjenning</h2>
<p>Bare gårder som er godkjent gjennom den nasjonale godkjenningsordningen, kan bruke navnet og
logoen. Godkjenningen bygger på sjekklistene i KSL, en egenrevisjon hvert år og revisjon hvert
andre år.</p>
<h2>Hvorfor gården?</h2>
<ul>
<li>Oppgavene er meningsfulle og ekte.</li>
<li>Arbeidet kan tilpasses hver enkelt og dagsformen.</li>
<li>Fokus på det friske: deltakeren er en medarbeider.</li>
<li>Fysisk aktivitet, god mat og et trygt fellesskap.</li>
<li>Dyr og natur er godt for den psykiske helsen.</li>
</ul>
""",
        "tasks": """
<ol>
<li>Skriv ned tre grunner til at nettopp din gård kan gi noen en meningsfull dag.</li>
<li>Hvilke tjenesteområder passer best for gården din? Hvorfor?</li>
<li>Finn ut om kommunen din eller NAV-kontoret i nærheten kjøper Inn på tunet i dag.</li>
</ol>
""",
        "questions": [
            (
                "Hvem kjøper oftest Inn på tunet-tjenester?",
                "Det er i hovedsak kommuner og NAV-kontor som kjøper plasser på gårdene.",
                [("Kommuner og NAV", True), ("Deltakerne selv", False), ("Mattilsynet", False)],
            ),
            (
                "Hvem kan bruke navnet og logoen Inn på tunet?",
                "Navnet og logoen er forbeholdt gårder som er godkjent i den nasjonale godkjenningsordningen.",
                [
                    ("Alle gårder som tar imot besøk", False),
                    ("Gårder som er godkjent i godkjenningsordningen", True),
                    ("Gårder som er medlem i et samvirke", False),
                ],
            ),
            (
                "Hva kjennetegner arbeidet deltakerne gjør på gården?",
                "Arbeidet skal være ekte og nødvendig for gården. Det er det som gir mestring og stolthet.",
                [
                    ("Det er øvelser laget for terapi", False),
                    ("Det er ekte arbeid som gården trenger", True),
                    ("Det er bare lek og avkobling", False),
                ],
            ),
            (
                "Hvor ofte gjør gården egenrevisjon?",
                "Egenrevisjonen gjøres minst én gang i året; revisoren kommer hvert andre år.",
                [("Minst én gang i året", True), ("Hvert femte år", False), ("Bare før første godkjenning", False)],
            ),
        ],
    },
    {
        "number": 2,
        "slug": "garden-som-arena",
        "title": "Gården som arena",
        "video_url": "",
        "video_title": "",
        "body": """
<p>Hele gården med omegn er arenaen: fjøset, verkstedet, skogen, hagen og kjøkkenet. Det er
oppgavene gården uansett må ha gjort, som gir tilbudet innhold.</p>
<h2>Årstidene styrer</h2>
<p>Våronn, beite, innhøsting, vedhogst og snømåking gir et naturlig årshjul. Deltakerne ser at
arbeidet deres betyr noe, fordi det ellers ikke ville blitt gjort.</p>
<h2>Med eller uten dyr</h2>
<p>Dyr gir daglige oppgaver og møter mennesker uten fordommer. Men en gård uten dyr kan også ha et
rikt tilbud: skogskjøtsel, ved, snekring, vedlikehold og oppdrag i bygda.</p>
<h2>Tilrettelegging og sikkerhet</h2>
<ul>
<li>Vurder risikoen ved hver aktivitet, og for hver deltaker.</li>
<li>Ha en beredskapsplan, og sørg for at alle vet hva de skal gjøre.</li>
<li>Lås inne medisiner og farlige stoffer.</li>
<li>Tenk på universell utforming: trinnfri adkomst, toalett og et varmt rom inne.</li>
</ul>
<h2>Private og felles rom</h2>
<p>Bestem tidlig hvilke deler av gården som er for deltakerne, og hvilke som er bare for familien.
Mange tilbydere sier at et klart skille er det som gjør at de holder ut i mange år.</p>
""",
        "tasks": """
<ol>
<li>Lag en liste over oppgaver på gården din gjennom et helt år.</li>
<li>Tegn et enkelt kart over tunet: hvor skal deltakerne være, og hvor er det privat?</li>
<li>Velg én aktivitet og skriv en kort risikovurdering for den.</li>
</ol>
""",
        "questions": [
            (
                "Hva gir tilbudet på gården innhold?",
                "Det er oppgavene gården uansett trenger å få gjort, som gjør arbeidet meningsfullt.",
                [
                    ("Oppgaver gården uansett må ha gjort", True),
                    ("Aktiviteter kjøpt inn fra andre", False),
                    ("Mest mulig stillesittende arbeid", False),
                ],
            ),
            (
                "Må en Inn på tunet-gård ha dyr?",
                "Nei. Dyr er fint for mange, men gårder uten dyr har også mye meningsfullt arbeid å tilby.",
                [("Ja, alltid", False), ("Nei, men dyr kan være en fordel", True), ("Bare hvis NAV krever det", False)],
            ),
            (
                "Hva krever standarden for hver deltaker?",
                "Standarden krever en risikovurdering for hver deltaker (og for hver kjøper).",
                [("En risikovurdering", True), ("En legeattest", False), ("Et eget forsikringsbevis", False)],
            ),
        ],
    },
    {
        "number": 3,
        "slug": "gardbrukeren-som-ressurs",
        "title": "Gårdbrukeren som ressurs",
        "video_url": "",
        "video_title": "",
        "body": """
<p>I et Inn på tunet-tilbud er gården og tilbyderens personlige egnethet selve grunnlaget. Du
trenger ikke være helsearbeider. Din jobb er først og fremst å være bonde og arbeidsleder, og å
glede deg over å se andre mestre.</p>
<h2>Det erfarne tilbydere sier</h2>
<ul>
<li><strong>Vær glad i folk.</strong> Du har med mennesker å gjøre hele dagen.</li>
<li><strong>Lag struktur</strong>, men vær fleksibel. Noen dager blir ikke som planlagt.</li>
<li><strong>Snakk tydelig.</strong> Si det du mener, rett fram og uten skjulte budskap.</li>
<li><strong>Vær rettferdig og forutsigbar</strong> når du roser og korrigerer.</li>
<li><strong>Ta noen på fersken i å gjøre noe bra.</strong> Ros bygger mestring.</li>
<li><strong>Bygg tillit.</strong> Tillit er ofte det deltakerne har fått minst av.</li>
<li><strong>Ta vare på deg selv.</strong> Ha et privatliv og ta ferie.</li>
</ul>
<h2>Kompetanse</h2>
<p>Finn ut hvilken kompetanse kjøperen trenger. Mangler du noe, kan du ta kurs, leie inn
kompetanse eller avtale at kjøperen stiller med personell.</p>
<h2>Familien</h2>
<p>Involver familien tidlig. Et Inn på tunet-tilbud endrer hverdagen på gården for alle som bor
der.</p>
""",
        "tasks": """
<ol>
<li>Hva gir deg energi i arbeidet med andre mennesker, og hva tapper deg?</li>
<li>Hvordan vil du skille mellom jobb og privatliv? Skriv ned dine egne regler.</li>
<li>Snakk med familien om hva et tilbud på gården vil bety for dem.</li>
</ol>
""",
        "questions": [
            (
                "Må du være utdannet innen helse for å bli tilbyder?",
                "Nei. Tilbyderens viktigste rolle er å være bonde og arbeidsleder; manglende kompetanse kan leies inn.",
                [
                    ("Ja, det er et krav", False),
                    ("Nei, rollen er først og fremst bonde og arbeidsleder", True),
                    ("Bare for tilbud til barn", False),
                ],
            ),
            (
                "Hvordan bør du gi beskjeder til deltakerne?",
                "Tydelig og direkte kommunikasjon gjør det lett å forstå hva som gjelder.",
                [("Tydelig og direkte", True), ("Gjennom hint", False), ("Helst skriftlig i etterkant", False)],
            ),
            (
                "Hvorfor legger mange tilbydere vekt på et skille mellom jobb og privatliv?",
                "Et klart skille gjør at tilbyderen tar vare på seg selv og orker å drive over mange år.",
                [
                    ("Fordi loven krever det", False),
                    ("For å ta vare på seg selv og holde ut over tid", True),
                    ("For å spare penger", False),
                ],
            ),
        ],
    },
    {
        "number": 4,
        "slug": "inn-pa-tunet-som-naeringsvei",
        "title": "Inn på tunet som næringsvei",
        "video_url": "",
        "video_title": "",
        "body": """
<p>Inn på tunet er et samarbeid med tre parter: deltakeren skal ha det godt, kjøperen skal få det
som er avtalt, og gården må tjene nok til å drive godt over tid.</p>
<h2>Finn kjøperen først</h2>
<p>Undersøk behovene i nærområdet før du investerer. NAV kjøper ofte tidsavgrensede plasser med
arbeidstrening; kommunen kjøper oftere plasser for dem som trenger å være lenge.</p>
<h2>Organisering og økonomi</h2>
<ul>
<li>Skal tilbudet være et eget selskap, eller en del av gårdsdriften?</li>
<li>Hvem fører regnskapet?</li>
<li>Vil du selge selv, eller gjennom et samvirke?</li>
<li>Hvilken prismodell passer: per dag, per plass eller per måned?</li>
</ul>
<h2>Avtalen</h2>
<p>Bruk standardavtalen. Den avklarer plasser og dager, pris, transport, møtepunkter, kontakter,
beredskap og oppsigelse. En avtale varer ofte i tre år med mulighet for fornyelse.</p>
<h2>Oppmøte og faktura</h2>
<p>Fakturagrunnlaget regnes ut fra oppmøtet og prismodellen. For NAV-deltakere er oppmøtet også
grunnlaget for stønaden deres. Registrer derfor oppmøtet hver dag.</p>
<h2>Vær synlig</h2>
<p>Hold jevn kontakt med kjøperne, og vis fram det dere gjør i nærmiljøet.</p>
""",
        "tasks": """
<ol>
<li>Lag et enkelt budsjett for ett år med fire plasser tre dager i uken.</li>
<li>Les standardavtalen og noter tre punkter du vil avklare med kjøperen.</li>
<li>Skriv en kort presentasjon av tilbudet ditt slik en kjøper vil lese den.</li>
</ol>
""",
        "questions": [
            (
                "Hvem er de tre partene i et Inn på tunet-samarbeid?",
                "Deltakeren, kjøperen og tilbyderen skal alle være tjent med samarbeidet.",
                [
                    ("Deltaker, kjøper og tilbyder", True),
                    ("Bonde, revisor og Mattilsynet", False),
                    ("Kommune, fylke og stat", False),
                ],
            ),
            (
                "Hva bør du gjøre før du investerer i et nytt tilbud?",
                "Undersøk behovene hos kommunen og NAV i nærområdet, så du bygger et tilbud noen vil kjøpe.",
                [
                    ("Undersøke behovene hos kjøperne i nærområdet", True),
                    ("Bygge først og selge etterpå", False),
                    ("Vente på at kjøperne tar kontakt", False),
                ],
            ),
            (
                "Hva er fakturagrunnlaget regnet ut fra?",
                "Fakturagrunnlaget regnes ut fra oppmøtet og prismodellen i avtalen.",
                [
                    ("Oppmøtet og prismodellen", True),
                    ("Antall dyr på gården", False),
                    ("Timene bonden har jobbet", False),
                ],
            ),
            (
                "Hvor lenge varer en standardavtale ofte?",
                "En standardavtale varer ofte i tre år, med mulighet for fornyelse.",
                [("Tre år med mulighet for fornyelse", True), ("Én måned", False), ("Den varer alltid", False)],
            ),
        ],
    },
]
