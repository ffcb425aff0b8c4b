from django import template

from klimakreise.editions.navigation import ORGANIZER_TOOLS, PUBLIC_ACTIONS, links_for

register = template.Library()


@register.simple_tag
def public_actions(edition):
    return links_for(edition, PUBLIC_ACTIONS)


@register.simple_tag
def organizer_tools(edition):
    return links_for(edition, ORGANIZER_TOOLS)
