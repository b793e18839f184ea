"""What inspectors write in the chapters of the three calibrated reports, as the tests write it
through `stj hoofdstuk` and the console: paraphrases of what STJ wrote in seeds 000 (Zwolle),
001 (Bergen op Zoom) and 002 (Leeuwarden), in the chapter markup (paragraphs, "- " items,
**bold**). Chapters not listed here keep the draft made from the data."""

from __future__ import annotations

ZWOLLE = {
    "voorwoord": (
        "Gemeenten staan voor de opgave om, samen met andere organisaties, de zorg en "
        "ondersteuning te regelen voor gezinnen met complexe problemen. STJ blijft haar toezicht "
        "daarom richten op gezinnen met geringe sociale redzaamheid.\n\n"
        "Namens STJ dank ik iedereen die aan het onderzoek heeft meegewerkt.\n\n"
        "**Hoofdinspecteur, namens de samenwerkende jeugdinspecties**"
    ),
    "aanpak": (
        "De gemeente Zwolle zet de aanpak Bemoeizorg Jeugd in voor een deel van de gezinnen met "
        "geringe sociale redzaamheid. Het team valt onder de GGD en bestaat uit "
        "trajectbegeleiders van drie organisaties. Naast deze aanpak heeft de gemeente de "
        "aanpak Bijzondere Doelgroepen."
    ),
    "werkwijze-aanpak": (
        "Aanmeldingen worden elke week besproken in het meldings- en screeningsoverleg. De "
        "trajectbegeleider brengt de situatie in kaart, helpt eerst met praktische problemen en "
        "zoekt met het gezin naar passende reguliere hulp."
    ),
    "algemene-conclusie": (
        "Het sterke van de aanpak is dat de trajectbegeleiders het vertrouwen van zorgmijdende "
        "gezinnen winnen, door maatwerk en een relatie met het gezin.\n\n"
        "STJ vindt het zorgelijk dat niet het hele gezin bij de aanpak wordt betrokken en dat de "
        "aanpak geen drang of dwang kent. De afstemming tussen de professionals is onvoldoende, "
        "en na de aanpak is er geen nazorg."
    ),
    "aanbevelingen": (
        "- **Heroverweeg de rol van drang en dwang** – zodat alle gezinsleden bij de aanpak "
        "betrokken worden.\n"
        "- **Verbeter de afstemming tussen de professionals** – met gezamenlijke doelen en een "
        "regisseur die de voortgang bewaakt.\n"
        "- **Ga werken volgens één gezin, één plan, één regisseur** – met een gezinsplan voor "
        "alle professionals en het gezin.\n"
        "- **Regel nazorg** – gezien het chronische karakter van de problemen."
    ),
    "leerbijeenkomst": (
        "Op 3 juni 2014 zijn de bevindingen gepresenteerd aan beleidsmedewerkers van de gemeente "
        "en aan managers en professionals van de betrokken organisaties.\n\n"
        "**Op hoofdlijnen eensgezindheid.** De deelnemers noemden als sterk dat de "
        "trajectbegeleiders contact weten te maken met de gezinnen.\n\n"
        "**Maar ook visieverschillen.** De deelnemers verschilden van mening over de vraag of "
        "drang en dwang een plaats moeten krijgen in de aanpak."
    ),
}

BERGEN = {
    "samenvatting": (
        "Dit rapport gaat over de effectiviteit van de zorg en ondersteuning die kwetsbare "
        "gezinnen in Bergen op Zoom krijgen vanuit het lokale netwerk.\n\n"
        "**Oordeel** – Alles overziend komen de inspecties tot het oordeel dat de effectiviteit "
        "van de zorg en ondersteuning aan kwetsbare gezinnen in Bergen op Zoom nog niet "
        "voldoende is en verbeterd moet worden.\n\n"
        "**Eén gezin, één plan, één regisseur komt onvoldoende tot stand.** Het CJG brengt de "
        "problemen op alle leefgebieden onvoldoende in beeld en werkt niet met één plan voor het "
        "hele gezin."
    ),
    "verklaringen-1": (
        "Een eerste verklaring is dat het CJG vooral gericht is op opvoed- en opgroeivragen, "
        "waardoor de hulpvraag van de ouders leidend is.\n\n"
        "Een tweede verklaring is het gebrek aan inhoudelijke aansturing: er is geen standaard "
        "werkwijze voor het eerste gesprek en voor het inschatten van de veiligheid."
    ),
    "verklaringen-2": (
        "Er zijn in het brede sociaal domein geen afspraken over werken volgens één gezin, één "
        "plan, één regisseur; het gezinsplan wordt vooral gezien als een vereiste voor een "
        "beschikking."
    ),
    "onderbouwing": (
        "**Ruimte tussen visie, beleid en praktijk.** De visie van de gemeente is voor werken "
        "volgens één gezin, één plan, één regisseur nog niet concreet uitgewerkt en "
        "geïmplementeerd.\n\n"
        "**Een vraaggerichte aanpak is niet toereikend voor kwetsbare gezinnen.** Niet alle "
        "leefgebieden worden uitgevraagd, zodat niet alle problemen in beeld komen."
    ),
    "kansen": (
        "Het CJG heeft bevlogen en betrokken jeugdprofessionals. Het CJG pakt signalen over een "
        "gebrekkige samenwerking met partners adequaat op, en de beschikbare instrumenten kunnen "
        "het methodisch werken ondersteunen als zij goed worden geïmplementeerd."
    ),
}

LEEUWARDEN = {
    "context": (
        "Leeuwarden is een gemeente met ruim 95.000 inwoners. De gemeente schat dat ongeveer 50 "
        "gezinnen aan de definitie van een gezin met geringe sociale redzaamheid voldoen.\n\n"
        "Sinds 2008 wordt welzijn en zorg in Leeuwarden anders georganiseerd, met een "
        "frontlijnteam, sociale wijkteams en twee interventieteams."
    ),
    "beschrijving": (
        "Het interventieteam gezinnen bestaat uit werkers van verschillende disciplines. Eén "
        "werker ondersteunt het gezin als generalist; andere hulpverleners trekken zich zoveel "
        "mogelijk terug. Het team is in januari 2011 als pilot gestart."
    ),
}
