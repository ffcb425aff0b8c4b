"""Who is proposed to moderate each circle: people who offered it when signing up.

A circle's own members come first; only if none of them offered, the other confirmed
registrations of the edition who offered (and moderate no other circle yet) are proposed.
"""

from klimakreise.registrations.models import Registration


def _offers(edition) -> list:
    return list(
        Registration.objects.confirmed()
        .filter(edition=edition, can_moderate=True, anonymized_at__isnull=True)
        .select_related("circle_membership__circle__topic")
        .order_by("name", "pk")
    )


def proposed_moderators(edition, circles) -> dict:
    """{circle pk: (registrations proposed, True if they are the circle's own members)}."""
    offers = _offers(edition)
    chosen = {c.moderator_registration_id: c.pk for c in circles if c.moderator_registration_id}
    proposals = {}
    for circle in circles:
        own = [r for r in offers if _circle_id(r) == circle.pk]
        if own:
            proposals[circle.pk] = (own, True)
            continue
        others = [r for r in offers if chosen.get(r.pk, circle.pk) == circle.pk]
        proposals[circle.pk] = (others, False)
    return proposals


def _circle_id(registration):
    membership = getattr(registration, "circle_membership", None)  # None: in no circle
    return membership.circle_id if membership is not None else None
