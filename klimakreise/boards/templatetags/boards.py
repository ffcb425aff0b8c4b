from django import template

register = template.Library()


@register.filter
def staff(circle, role: str) -> str:
    """The name of a circle's moderator, expert or note-taker (account or plain name)."""
    return circle.staff_display(role)
