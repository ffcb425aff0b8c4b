"""The demo's part for the funder report: the kind of each demo organization, so the report's
breakdown by kind of organization has something to show. Idempotent: it sets, never adds."""

from klimakreise.demo.context import DemoContext
from klimakreise.organizations.models import Organization

Kind = Organization.Kind

KINDS = {
    "Klimabündnis Magdeburg (KliMa)": Kind.CIVIL_SOCIETY,
    "RENN.mitte": Kind.CIVIL_SOCIETY,
    "Netzwerk Zukunft Sachsen-Anhalt e.V.": Kind.CIVIL_SOCIETY,
    "Bits & Bäume": Kind.INITIATIVE,
    "Klimabonus e.V.": Kind.CIVIL_SOCIETY,
    "Verein für Bürger-Klimainitiativen": Kind.CIVIL_SOCIETY,
    "in:takt": Kind.OTHER,
    "Landeshauptstadt Magdeburg – Umweltamt": Kind.ADMINISTRATION,
    "Landeshauptstadt Magdeburg – Stadtplanungsamt": Kind.ADMINISTRATION,
    "Städtische Werke (Beispiel)": Kind.BUSINESS,
    "Hochschule (Beispiel)": Kind.SCIENCE,
    "Stadtratsfraktion (Beispiel)": Kind.OTHER,
    "Radentscheid-Initiative (Beispiel)": Kind.INITIATIVE,
    "Gemeinschaftsgarten (Beispiel)": Kind.INITIATIVE,
    "Solidarische Landwirtschaft (Beispiel)": Kind.INITIATIVE,
    "Handwerksbetrieb (Beispiel)": Kind.BUSINESS,
}


def load_organization_kinds(ctx: DemoContext) -> None:
    for name, organization in ctx.organizations.items():
        kind = KINDS.get(name, "")
        if organization.kind != kind:
            organization.kind = kind
            organization.save(update_fields=["kind"])
