"""The demo's results of the 2022 edition in full, written for this project (no real persons:
"{person}" becomes a Faker name).

Per topic slug: the expert's slides, ideas (with dots if the circle voted), next steps and
responsibilities as (text, responsible, due date, status), and the note-taker's notes.
"""

TALK_SLIDES = {
    "title": "Good Practices im kommunalen Klimaschutz",
    "subtitle": "Beispiele aus Marburg – und was Magdeburg davon lernen kann",
    "slides": [
        (
            "Warum Beispiele helfen",
            [
                "Viele Städte haben ähnliche Ziele, aber sehr unterschiedliche Umsetzungstempi",
                "Erprobte Lösungen senken das Risiko für Verwaltung und Politik",
                "Übertragbar ist selten das Projekt – aber fast immer der Weg dorthin",
            ],
        ),
        (
            "Drei Beispiele",
            [
                "Klimaaktionsplan mit jährlichem, öffentlichem Fortschrittsbericht",
                "Förderprogramm für Balkon-Solar und Dachbegrünung mit einfachem Antrag",
                "Klimacheck für Stadtratsvorlagen: jede Vorlage nennt ihre Klimawirkung",
            ],
        ),
        (
            "Was es braucht",
            [
                "Eine Stelle, die koordiniert – und Rückendeckung der Stadtspitze",
                "Zivilgesellschaft, die dranbleibt und Ergebnisse einfordert",
                "Kleine, sichtbare Erfolge im ersten Jahr",
            ],
        ),
    ],
}

CIRCLES = {
    "stadtgruen": {
        "slides": [
            (
                "Hitze in der Stadt",
                [
                    "Versiegelte Innenhöfe und Plätze heizen sich im Sommer stark auf",
                    "Stadtbäume kühlen durch Schatten und Verdunstung",
                    "Trockene Sommer setzen dem Baumbestand sichtbar zu",
                ],
            ),
            (
                "Hebel für mehr Grün",
                [
                    "Entsiegelung von Schulhöfen und Parkplätzen",
                    "Gießpatenschaften für Straßenbäume",
                    "Fassaden- und Dachbegrünung bei Sanierungen",
                ],
            ),
        ],
        "ideas": [
            (
                "Gießpatenschaften für Straßenbäume, mit einer Karte durstiger Bäume",
                7,
            ),
            ("Schulhöfe gemeinsam mit Schülerinnen und Schülern entsiegeln", 6),
            ("Ein Baum für jedes neugeborene Kind in Magdeburg", 3),
            ("Grüne Haltestellendächer an stark frequentierten Straßenbahnhaltestellen", 4),
            ("Regenwasser von Dächern in Zisternen für die Grünpflege sammeln", 2),
        ],
        "next_steps": [
            (
                "Liste möglicher Schulhöfe für ein Entsiegelungs-Pilotprojekt erstellen",
                "Landeshauptstadt Magdeburg – Umweltamt",
                "2022-07-15",
                "in_progress",
            ),
            (
                "Aufruf für Gießpatenschaften im Stadtteil Stadtfeld starten",
                "Gemeinschaftsgarten (Beispiel)",
                "2022-06-30",
                "done",
            ),
            (
                "Förderprogramme für Dachbegrünung recherchieren und übersichtlich zusammenfassen",
                "{person}",
                "2022-09-01",
                "open",
            ),
        ],
        "responsibilities": [
            (
                "Ansprechperson im Umweltamt für Baumpatenschaften benennen",
                "Landeshauptstadt Magdeburg – Umweltamt",
                "2022-06-15",
                "done",
            ),
            (
                "Kontakt zu zwei interessierten Schulleitungen halten",
                "{person}",
                None,
                "in_progress",
            ),
        ],
        "notes": (
            "Der Impuls zeigte Hitzekarten der Innenstadt: besonders betroffen sind dicht bebaute "
            "Quartiere mit wenig Grün.\n\n"
            "- Viele Teilnehmende möchten selbst anpacken, wissen aber nicht, **an wen sie sich "
            "wenden** können.\n"
            "- Schulhöfe eignen sich gut als sichtbares Pilotprojekt.\n"
            "- Offene Frage: Wer übernimmt die Pflege nach dem Pflanzen?"
        ),
    },
    "mobilitaet": {
        "slides": [
            (
                "Wie Magdeburg unterwegs ist",
                [
                    "Ein großer Teil der Wege ist kürzer als fünf Kilometer",
                    "Das Radnetz hat Lücken, vor allem an großen Kreuzungen",
                    "Straßenbahn und Bus sind das Rückgrat – Takt und Anschlüsse entscheiden",
                ],
            ),
            (
                "Was schnell wirkt",
                [
                    "Geschützte Radfahrstreifen auf Hauptachsen",
                    "Schulstraßen: morgens autofrei vor Grundschulen",
                    "Sichere Fahrradabstellanlagen an Haltestellen",
                ],
            ),
            (
                "Was Zeit braucht",
                [
                    "Umbau von Straßenräumen",
                    "Parkraummanagement in der Innenstadt",
                ],
            ),
        ],
        "ideas": [
            ("Geschützter Radfahrstreifen auf dem Breiten Weg", 9),
            ("Schulstraßen-Pilot an zwei Grundschulen", 6),
            ("Fahrradbügel statt Autoparkplatz: ein Stellplatz, zehn Räder", 4),
            ("Mängelmelder für Radwege, der auch Rückmeldung gibt, was daraus wurde", 3),
            ("Monatlicher Aktionstag „Autofreie Innenstadt“", 2),
        ],
        "next_steps": [
            (
                "Unfallschwerpunkte für Radfahrende aus offenen Daten auswerten und kartieren",
                "Radentscheid-Initiative (Beispiel)",
                "2022-08-01",
                "done",
            ),
            (
                "Gespräch mit dem Stadtplanungsamt über einen Pop-up-Radweg vereinbaren",
                "Radentscheid-Initiative (Beispiel)",
                "2022-06-30",
                "done",
            ),
            (
                "Interesse von Grundschulen an einer Schulstraße abfragen",
                "{person}",
                "2022-09-15",
                "in_progress",
            ),
            (
                "Antrag für mehr Fahrradbügel in der Innenstadt vorbereiten",
                "Stadtratsfraktion (Beispiel)",
                "2022-10-31",
                "open",
            ),
        ],
        "responsibilities": [
            (
                "Daten zu Unfallschwerpunkten bereitstellen",
                "Landeshauptstadt Magdeburg – Stadtplanungsamt",
                None,
                "done",
            ),
            ("Koordination der Gruppe bis zu den nächsten Klimakreisen", "{person}", None, "open"),
        ],
        "notes": (
            "Großer Konsens: **Sicherheit** ist der wichtigste Grund, warum Menschen nicht Rad "
            "fahren.\n\n"
            "Die Verwaltung wies darauf hin, dass Pop-up-Radwege eine verkehrsrechtliche "
            "Begründung brauchen – die Unfalldaten könnten sie liefern."
        ),
    },
    "ernaehrung-landwirtschaft": {
        "slides": [
            (
                "Was auf den Teller kommt",
                [
                    "Ernährung verursacht einen erheblichen Teil der persönlichen Emissionen",
                    "Kantinen und Schulen erreichen täglich tausende Menschen",
                    "Regionale Erzeugung stärkt Betriebe im Umland",
                ],
            ),
            (
                "Ansatzpunkte in der Stadt",
                [
                    "Vergabekriterien für Schul- und Kitaverpflegung",
                    "Wochenmärkte mit Direktvermarktung",
                    "Lebensmittelretten und Gemeinschaftsgärten",
                ],
            ),
        ],
        "ideas": [
            ("Ein Ernährungsrat für Magdeburg, der Stadt, Erzeuger und Initiativen verbindet", 0),
            ("Mehr regionale und saisonale Zutaten in der Schulverpflegung", 0),
            ("Fair-Teiler-Kühlschränke in Stadtteilzentren", 0),
            ("Solidarische Landwirtschaft in Stadtteilen bekannter machen", 0),
        ],
        "next_steps": [
            (
                "Treffen zur Gründung eines Ernährungsrats organisieren",
                "Solidarische Landwirtschaft (Beispiel)",
                "2022-09-30",
                "in_progress",
            ),
            (
                "Beispiele für Vergabekriterien aus anderen Städten sammeln",
                "{person}",
                "2022-08-15",
                "done",
            ),
            ("Standorte für zwei Fair-Teiler prüfen", "{person}", "2022-10-15", "dropped"),
        ],
        "responsibilities": [
            (
                "Einladungsliste für den Ernährungsrat pflegen",
                "Solidarische Landwirtschaft (Beispiel)",
                None,
                "open",
            ),
        ],
        "notes": (
            "Der Kreis war bunt gemischt: Landwirtschaft, Kantinenbetrieb, Verwaltung und "
            "Initiativen.\n\n"
            "Ein Ernährungsrat könnte die vielen Einzelprojekte bündeln. Die Fair-Teiler wurden "
            "zurückgestellt, weil Hygieneauflagen noch zu klären sind."
        ),
    },
    "energie": {
        "slides": [
            (
                "Sonne auf städtischen Dächern",
                [
                    "Viele Dächer von Schulen, Sporthallen und Verwaltungsgebäuden sind ungenutzt",
                    "Solarkataster zeigt geeignete Flächen",
                    "Bürgerenergie kann Finanzierung und Akzeptanz verbinden",
                ],
            ),
            (
                "Wärme",
                [
                    "Wärme ist der größte Hebel im Gebäudebestand",
                    "Kommunale Wärmeplanung schafft Orientierung für Quartiere",
                    "Beratung für Eigentümerinnen und Eigentümer ist gefragt",
                ],
            ),
            (
                "Nächste Schritte",
                [
                    "Dachflächen priorisieren",
                    "Bürgerenergie-Modell prüfen",
                    "Beratungsangebote bekannt machen",
                ],
            ),
        ],
        "ideas": [
            ("Solaroffensive: bis 2025 jedes geeignete städtische Dach mit Photovoltaik", 8),
            ("Bürgerenergiegenossenschaft für Schuldächer", 5),
            ("Balkonkraftwerke in Mietwohnungen einfacher machen", 5),
            ("Quartiersweise Wärmeberatung, zuerst in Altbaugebieten", 3),
            ("Energiesparwettbewerb zwischen Schulen", 1),
        ],
        "next_steps": [
            (
                "Liste der städtischen Dächer mit Eignung und Sanierungsstand anfragen",
                "Klimabündnis Magdeburg (KliMa)",
                "2022-07-31",
                "done",
            ),
            (
                "Infoabend zu Balkonkraftwerken mit Mietervereinen organisieren",
                "{person}",
                "2022-09-20",
                "done",
            ),
            (
                "Gespräch mit den Städtischen Werken über ein Bürgerenergie-Modell",
                "Städtische Werke (Beispiel)",
                "2022-11-30",
                "in_progress",
            ),
        ],
        "responsibilities": [
            ("Ansprechpartner für Dachflächen in der Gebäudeverwaltung", "{person}", None, "open"),
            (
                "Technische Beratung zu Photovoltaik auf Schulen",
                "Hochschule (Beispiel)",
                None,
                "in_progress",
            ),
        ],
        "notes": (
            "Im Impuls wurde das Solarkataster vorgestellt. Viele Dächer sind geeignet, aber "
            "Sanierungsbedarf und Statik müssen vorher geklärt werden.\n\n"
            "Die Idee einer *Bürgerenergiegenossenschaft* fand viel Zuspruch."
        ),
    },
    "betriebe": {
        "slides": [
            (
                "Betriebe als Klimaschützer",
                [
                    "Kleine und mittlere Betriebe haben oft keine eigene Energieberatung",
                    "Steigende Energiepreise machen Effizienz wirtschaftlich",
                    "Fachkräfte im Handwerk sind Schlüssel für die Wärmewende",
                ],
            ),
            (
                "Was Betrieben hilft",
                [
                    "Einfacher Einstieg: Energie-Check vor Ort",
                    "Austausch unter Betrieben: voneinander lernen",
                    "Sichtbarkeit für Vorreiter",
                ],
            ),
        ],
        "ideas": [
            ("Klimastammtisch für Betriebe, reihum in einem Betrieb zu Gast", 0),
            ("Kostenloser Energie-Check für kleine Betriebe", 0),
            ("Auszeichnung „Klimabetrieb Magdeburg“", 0),
            ("Ausbildungsinitiative Solarhandwerk mit der Berufsschule", 0),
        ],
        "next_steps": [
            (
                "Ersten Klimastammtisch ausrichten",
                "Handwerksbetrieb (Beispiel)",
                "2022-09-08",
                "done",
            ),
            (
                "Förderprogramme für Energieberatung in Betrieben zusammenstellen",
                "{person}",
                "2022-08-31",
                "done",
            ),
            ("Kriterien für eine Auszeichnung entwerfen", "{person}", "2022-12-15", "open"),
        ],
        "responsibilities": [
            (
                "Einladungen an Betriebe über bestehende Netzwerke verteilen",
                "Handwerksbetrieb (Beispiel)",
                None,
                "in_progress",
            ),
        ],
        "notes": (
            "Betriebe wünschen sich vor allem **konkrete, kurze Angebote** statt langer "
            "Veranstaltungen.\n\n"
            "Der Stammtisch soll einmal im Quartal stattfinden."
        ),
    },
}

RESULTS_INTRO = (
    "Am 17. Mai 2022 kamen 47 Menschen online zusammen und arbeiteten in fünf Themenkreisen – von "
    "Stadtgrün bis Betriebe. Hier steht, was jeder Kreis gesammelt hat: die Ideen mit den Punkten "
    "aus der Abstimmung, die verabredeten nächsten Schritte, wer sich um was kümmert, die "
    "Mitschriften und die Folien der Impulse."
)

OUTLOOK = (
    "Die Kreise arbeiten an ihren nächsten Schritten weiter; den Stand finden Sie in den "
    "Abschnitten oben.\n\n"
    "Bei den **3. Klimakreisen** schauen wir gemeinsam zurück: Was ist aus den Ideen geworden, wo "
    "hakt es, wer braucht Unterstützung?"
)
