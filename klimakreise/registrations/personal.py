"""What the personal link shows besides the registration itself."""


def circle_of(registration):
    """The circle the person was placed in once the assignment is locked, else None."""
    from klimakreise.circles.models import CircleMember

    member = (
        CircleMember.objects.select_related("circle__topic")
        .filter(registration_id=registration.pk)
        .first()
    )
    return member.circle if member else None
