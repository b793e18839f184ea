"""The command table of `stj`: every subcommand, the module that defines it, and the first
paragraph of its help, so `stj --help` lists them all without importing any
(tests/test_cli_opdrachten.py checks the table against the commands themselves)."""

from __future__ import annotations

from cli.lui import Verwijzing

STJ: dict[str, Verwijzing] = {
    "audit": (
        "cli.inspecteur:audit",
        "Het auditlog: wie deed wat en wanneer, bij welk onderzoek, en elke geweigerde poging "
        "(ook van wie geen inspecteur is).",
    ),
    "beoordeel": (
        "cli.beoordeling:beoordeel_cmd",
        "Maak het rapport (concept of vastgesteld): op beleidsniveau de factsheet van een of "
        "meer aanpakken van één gemeente, op casusniveau de nota van bevindingen van één "
        "aanpak.",
    ),
    "bevinding": (
        "cli.bewijs:bevinding",
        "Toon de delen van een bevinding (zonder DEEL), of pas één deel aan.",
    ),
    "bot": (
        "cli.bot:bot",
        "Start de Telegram-bot (long polling, of een webhook met Telegrams geheime token).",
    ),
    "chat": (
        "cli.chat:chat",
        "Beantwoord een vragenlijst in de terminal, zoals in Telegram (zonder Telegram).",
    ),
    "citeer": (
        "cli.bevindingen:citeer",
        'Laat de factsheet de toelichting van één respondent citeren (zonder naam: "een '
        'netwerkpartner uit de jeugdzorg licht toe: …"). Zonder UITNODIGING: alle toelichtingen'
        " bij deze indicator, met hun nummer en of ze geciteerd worden.",
    ),
    "conclusie": (
        "cli.beoordeling:conclusie",
        "Vervang de conclusie van een thema door eigen tekst.",
    ),
    "demo": (
        "cli.demo:demo",
        "Speel drie onderzoeken na, offline: uitnodigen, antwoorden, exporteren, de factsheets "
        "en het landelijk overzicht maken.",
    ),
    "document": (
        "cli.documenten:document",
        "Documenten die respondenten via Telegram stuurden.",
    ),
    "dossier": (
        "cli.bewijs:dossier",
        "Wat de inspecteur in het dossier van een gezin zag, per indicator.",
    ),
    "eindoordeel": (
        "cli.beoordeling:eindoordeel",
        "Stel het eindoordeel van een themarapport zelf vast (in plaats van de regel).",
    ),
    "export": (
        "cli.uitwisseling:exporteer",
        "Schrijf de antwoorden van een onderzoek naar JSON, CSV of XLSX.",
    ),
    "herinner": (
        "cli.inspecteur:herinner",
        "Stuur iedereen die begonnen is maar nog niet heeft ingediend een herinnering.",
    ),
    "import": (
        "cli.uitwisseling:importeer",
        "Lees een stj-antwoorden/1-bestand in; alles of niets.",
    ),
    "inspecteur": (
        "cli.inspecteur:inspecteur",
        "Inspecteurs registreren.",
    ),
    "hoofdstuk": (
        "cli.hoofdstukken:hoofdstuk",
        "De hoofdstukken die de inspecteur schrijft (voorwoord, werkwijze, samenvatting, algemene "
        "conclusie, aanbevelingen, verklaringen, vervolg, …). Zonder NAAM: de lijst met hoe elk "
        "hoofdstuk ervoor staat. Met NAAM: de tekst zoals die nu in het rapport komt (uw tekst, of "
        "de opzet uit de gegevens). Met --bestand: schrijf het hoofdstuk; alinea's scheidt u met "
        'een lege regel, een opsomming begint met "- ", **vet** tussen dubbele sterretjes.',
    ),
    "interview": (
        "cli.bewijs:interview",
        "Antwoorden die de inspecteur in een gesprek vastlegde, namens de respondent.",
    ),
    "kader": (
        "cli.kaders:kader",
        "Toetsingskaders bekijken.",
    ),
    "let-op": (
        "cli.bevindingen:let_op",
        "Schrijf de LET OP bij een indicator zelf (in plaats van die van de beslisregel), haal "
        "hem weg, of zet hem terug.",
    ),
    "onderzoek": (
        "cli.onderzoek:onderzoek",
        "Onderzoeken openen en bekijken.",
    ),
    "oordeel": (
        "cli.beoordeling:oordeel",
        "Leg het oordeel van de inspecteur vast voor één indicator (gaat boven de beslisregel).",
    ),
    "overzicht": (
        "cli.beoordeling:overzicht",
        "Het landelijk beeld: gemeenten × indicatoren (✓/✗/–) als HTML met heatmap en als CSV, "
        "het aandeel verbeterpunten per indicator en thema, en wat veranderde bij een vervolg.",
    ),
    "publiceer": (
        "cli.proces:publiceer_cmd",
        "Publiceer het vastgestelde rapport: het krijgt zijn publicatiedatum en gaat naar de "
        "gemeente zoals het concept ging, met de vraag om een verbeterplan per verbeterpunt.",
    ),
    "reactie": (
        "cli.proces:reactie",
        "De reacties van de gemeente op het concept, en uw besluit erover: aanvaarden (zo nodig "
        "met een aangepaste bevinding) of afwijzen met een reden.",
    ),
    "status": (
        "cli.onderzoek:status",
        "Toon per respondent rol, organisatie, status en beantwoorde vragen.",
    ),
    "uitnodiging": (
        "cli.onderzoek:uitnodiging",
        "Respondenten uitnodigen.",
    ),
    "vaststellen": (
        "cli.beoordeling:vaststellen",
        "Stel de beoordeling vast: daarna kan zij niet meer veranderen, tot zij met een reden "
        "wordt heropend. Staat er nog iets open, dan zegt vaststellen wat, en gaat het alleen "
        "door met --toch.",
    ),
    "verbeterplan": (
        "cli.proces:verbeterplan",
        "Het verbeterplan van de gemeente: per verbeterpunt wat, wie en wanneer.",
    ),
    "vragenlijst": (
        "cli.kaders:vragenlijst",
        "Kaders en vragenlijsten controleren.",
    ),
    "wederhoor": (
        "cli.proces:wederhoor",
        "Leg het concept aan de gemeente voor (wederhoor): de contactpersoon krijgt de PDF in "
        "Telegram met een knop om te reageren, en er is een weblink zonder inloggen. Zonder "
        "opties toont een lopend wederhoor hoe het staat.",
    ),
    "web": (
        "cli.web:web",
        "Start de webconsole voor inspecteurs. Inloggen gaat met een link van 'stj inspecteur "
        "weblink' of /web in Telegram; STJ_WEB_URL is het adres waarop inspecteurs de console "
        "bereiken (anders http://127.0.0.1 met de poort van --poort).",
    ),
}

# Subcommands of `stj onderzoek` that live beside the commands they belong with.
ONDERZOEK: dict[str, Verwijzing] = {
    "sluit": (
        "cli.beoordeling:onderzoek_sluit",
        "Sluit een onderzoek (geen antwoorden of herinneringen meer); daarna kan een "
        "vervolgonderzoek naar dezelfde aanpak worden geopend.",
    ),
    "koppel": (
        "cli.inspecteur:onderzoek_koppel",
        "Koppel een inspecteur aan een onderzoek.",
    ),
    "verleng": (
        "cli.inspecteur:onderzoek_verleng",
        "Verschuif de deadline van een onderzoek (de herinneringen schuiven mee).",
    ),
    "schema": (
        "cli.inspecteur:onderzoek_schema",
        "Stel in wanneer de bot vanzelf herinneringen stuurt.",
    ),
    "vervolg": (
        "cli.proces:vervolg",
        "Open het vervolgonderzoek (een jaar later): dezelfde gemeente, aanpak en kader, "
        "gekoppeld aan het eerste, met de respondenten van toen opnieuw uitgenodigd (nieuwe "
        "links) en de vraag aan de gemeente hoe het verbeterplan is uitgevoerd.",
    ),
}
