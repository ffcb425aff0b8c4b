"""What the demo shows: the two Magdeburg editions, retold from public reports in our own words.

Organizations are the real partners named in those reports; every person is invented (Faker).
"""

SERIES = {
    "slug": "magdeburg",
    "title": "Klimakreise Magdeburg",
    "description": (
        "Das Klimabündnis Magdeburg (KliMa) ist seit Juli 2021 ein Zusammenschluss von über 50 "
        "zivilgesellschaftlichen Gruppen. Ziel ist eine klimagerechte Stadt bis 2035 – das Jahr, "
        "für das der Stadtrat 2019 Klimaneutralität beschlossen hat.\n\n"
        "Bei den **Klimakreisen** treffen sich Zivilgesellschaft, Stadtverwaltung und Unternehmen "
        "in kleinen Themenkreisen, hören einen kurzen Impuls und vereinbaren nächste Schritte."
    ),
}

ORGANIZATIONS = [
    # (name, sector slug, website, alliance member)
    ("Klimabündnis Magdeburg (KliMa)", "zivilgesellschaft", "", True),
    ("RENN.mitte", "zivilgesellschaft", "", False),
    ("Netzwerk Zukunft Sachsen-Anhalt e.V.", "zivilgesellschaft", "", False),
    ("Bits & Bäume", "zivilgesellschaft", "", False),
    ("Klimabonus e.V.", "zivilgesellschaft", "", False),
    ("Verein für Bürger-Klimainitiativen", "zivilgesellschaft", "", False),
    ("in:takt", "sonstige", "", False),
    ("Landeshauptstadt Magdeburg – Umweltamt", "verwaltung", "", False),
    ("Landeshauptstadt Magdeburg – Stadtplanungsamt", "verwaltung", "", False),
    ("Städtische Werke (Beispiel)", "unternehmen", "", False),
    ("Hochschule (Beispiel)", "wissenschaft", "", False),
    ("Stadtratsfraktion (Beispiel)", "politik", "", False),
    ("Radentscheid-Initiative (Beispiel)", "zivilgesellschaft", "", True),
    ("Gemeinschaftsgarten (Beispiel)", "zivilgesellschaft", "", True),
    ("Solidarische Landwirtschaft (Beispiel)", "zivilgesellschaft", "", True),
    ("Handwerksbetrieb (Beispiel)", "unternehmen", "", False),
]

EDITIONS = [
    {
        "slug": "magdeburg-2021",
        "number": 1,
        "title": "1. Klimakreise",
        "start": "2021-12-08T17:00",
        "end": "2021-12-08T20:00",
        "format": "online",
        "status": "documented",
        "intro": (
            "Die ersten Klimakreise fanden wegen der Pandemie online statt. Über 50 Menschen aus "
            "Verwaltung, Zivilgesellschaft und Wissenschaft arbeiteten in fünf Kreisen an "
            "konkreten Problemen der Stadt und verabredeten nächste Schritte."
        ),
        "agenda": [
            # (minutes after start, duration, kind, title, speaker role, organization)
            (0, 15, "program", "Begrüßung und Ablauf", "", ""),
            (
                15,
                30,
                "talk",
                "Vision & Praxis – eine enkeltaugliche Stadt ist möglich",
                "speaker",
                "Verein für Bürger-Klimainitiativen",
            ),
            (45, 90, "circles", "Arbeit in den Klimakreisen", "", ""),
            (135, 35, "plenary", "Plenum: Ergebnisse der Kreise", "", ""),
            (170, 10, "program", "Ausblick und Abschluss", "", ""),
        ],
        "topics": [
            (
                "mobilitaet",
                "Mobilität",
                "Rad, Fuß, Bus und Bahn: wie kommt Magdeburg klimafreundlich voran?",
            ),
            ("energie", "Energie", "Erneuerbare Wärme und Strom für Quartiere und Gebäude."),
            ("stadtentwicklung", "Stadtentwicklung", "Bauen und Planen mit Blick auf 2035."),
            ("stadtstruktur", "Stadtstruktur", "Kurze Wege, Grünflächen und Entsiegelung."),
            ("beteiligung", "Beteiligung", "Wie Bürgerinnen und Bürger Klimaschutz mitgestalten."),
        ],
        "partners": [
            ("RENN.mitte", "funding", "für die Unterstützung der Veranstaltung"),
            ("Netzwerk Zukunft Sachsen-Anhalt e.V.", "cooperation", "für die Zusammenarbeit"),
        ],
    },
    {
        "slug": "magdeburg-2022",
        "number": 2,
        "title": "2. Klimakreise",
        "start": "2022-05-17T15:00",
        "end": "2022-05-17T18:00",
        "format": "online",
        "status": "documented",
        "get_together": ("2022-05-17T18:30", "in:takt, Magdeburg"),
        "intro": (
            "Die zweiten Klimakreise knüpften an die Ergebnisse vom Dezember 2021 an. Mehr als 45 "
            "Teilnehmende aus Zivilgesellschaft, Verwaltung und Stadtpolitik tauschten sich online "
            "in fünf Themenkreisen aus. Jeder Kreis begann mit einem kurzen Expertenimpuls; danach "
            "ging es um Ideen, nächste Schritte und Verantwortlichkeiten. Im Anschluss gab es ein "
            "Treffen vor Ort zum Kennenlernen."
        ),
        "agenda": [
            (0, 10, "program", "Begrüßung und Vorstellung der Agenda", "", ""),
            (10, 10, "program", "Wer ist dabei? Vorstellungsrunde", "", ""),
            (
                20,
                15,
                "program",
                "Fakten und Forderungen des Klimabündnisses",
                "",
                "Klimabündnis Magdeburg (KliMa)",
            ),
            (35, 10, "program", "Rückblick auf die 1. Klimakreise", "", ""),
            (
                45,
                25,
                "talk",
                "Good Practices im kommunalen Klimaschutz – Beispiele aus Marburg",
                "speaker",
                "Klimabonus e.V.",
            ),
            (70, 10, "program", "Vorstellung der Kreise und Einteilung", "", ""),
            (80, 60, "circles", "Arbeit in den Klimakreisen", "", ""),
            (140, 30, "plenary", "Plenum: Ergebnisse der Kreise", "", ""),
            (170, 10, "program", "Ausblick", "", ""),
        ],
        "topics": [
            (
                "stadtgruen",
                "Stadtgrün",
                "Bäume, Parks und Entsiegelung gegen Hitze und für Artenvielfalt.",
            ),
            (
                "mobilitaet",
                "Mobilität",
                "Sichere Radwege, guter Nahverkehr, weniger Autoverkehr in der Innenstadt.",
            ),
            (
                "ernaehrung-landwirtschaft",
                "Ernährung & Landwirtschaft",
                "Regionale, saisonale Lebensmittel in Kantinen, Schulen und auf Märkten.",
            ),
            (
                "energie",
                "Energie",
                "Solarenergie auf städtischen Dächern und klimafreundliche Wärme.",
            ),
            (
                "betriebe",
                "Betriebe",
                "Wie Unternehmen und Handwerk Emissionen senken und voneinander lernen.",
            ),
        ],
        "partners": [
            ("Bits & Bäume", "infrastructure", "Server für die Videokonferenz"),
            (
                "Netzwerk Zukunft Sachsen-Anhalt e.V.",
                "funding",
                "Moderation und Impulse",
            ),
            ("RENN.mitte", "funding", "Moderation und Impulse"),
            ("in:takt", "venue", "Gastgeber des Treffens im Anschluss"),
        ],
    },
]

UPCOMING = {
    "slug": "magdeburg-3",
    "number": 3,
    "title": "3. Klimakreise",
    "days_ahead": 100,
    "intro": (
        "Die dritten Klimakreise bauen auf den Ergebnissen von 2022 auf. Melden Sie sich an und "
        "wählen Sie Ihre Wunschthemen – wir stellen daraus die Kreise zusammen."
    ),
}
