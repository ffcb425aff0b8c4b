"""Back-office writes with logic of their own (plain create/edit goes through the forms)."""

from django.db import transaction

from klimakreise.organizations.models import Sector


@transaction.atomic
def move_sector(*, sector: Sector, offset: int) -> None:
    """Move a sector up (-1) or down (+1) in its series' list and renumber the list 0, 1, 2…

    Renumbering heals duplicate or sparse positions, so a move always has a visible effect.
    """
    sectors = list(Sector.objects.select_for_update().filter(series_id=sector.series_id))
    index = next(i for i, item in enumerate(sectors) if item.pk == sector.pk)
    target = min(max(index + offset, 0), len(sectors) - 1)
    sectors.insert(target, sectors.pop(index))
    for position, item in enumerate(sectors):
        item.position = position
    Sector.objects.bulk_update(sectors, ["position"])
