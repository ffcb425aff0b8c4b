"""The demo's shorter results of the 2021 edition, written for this project.

Per topic slug: a few ideas, next steps as (text, responsible, due date, status), and the
note-taker's notes (empty if none were taken).
"""

CIRCLES = {
    "mobilitaet": {
        "ideas": [
            "Durchgehendes Radnetz zwischen den Stadtteilen",
            "Mehr Fahrradstellplätze am Hauptbahnhof",
        ],
        "next_steps": [
            (
                "Lücken im Radnetz sammeln",
                "Radentscheid-Initiative (Beispiel)",
                "2022-02-28",
                "done",
            )
        ],
        "notes": "Erstes Kennenlernen; die Gruppe will sich monatlich treffen.",
    },
    "energie": {
        "ideas": ["Photovoltaik auf Schuldächern", "Beratung zu Wärmepumpen im Altbau"],
        "next_steps": [
            (
                "Solarkataster bekannter machen",
                "Klimabündnis Magdeburg (KliMa)",
                "2022-03-31",
                "done",
            )
        ],
        "notes": "Thema Wärme soll 2022 vertieft werden.",
    },
    "stadtentwicklung": {
        "ideas": ["Klimacheck für Bebauungspläne"],
        "next_steps": [
            ("Beispiele für Klimachecks anderer Städte sammeln", "{person}", "2022-03-15", "done")
        ],
        "notes": "",
    },
    "stadtstruktur": {
        "ideas": ["Innenhöfe entsiegeln", "Kurze Wege zu Nahversorgung und Grün"],
        "next_steps": [
            ("Karte entsiegelbarer Flächen beginnen", "{person}", "2022-04-30", "dropped")
        ],
        "notes": "",
    },
    "beteiligung": {
        "ideas": ["Klimakreise regelmäßig wiederholen"],
        "next_steps": [
            (
                "Zweite Ausgabe der Klimakreise im Frühjahr planen",
                "Klimabündnis Magdeburg (KliMa)",
                "2022-05-17",
                "done",
            )
        ],
        "notes": "Wunsch nach einem Treffen vor Ort, sobald es wieder möglich ist.",
    },
}
