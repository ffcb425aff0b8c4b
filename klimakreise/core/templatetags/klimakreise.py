from django import template
from django.utils.safestring import mark_safe

from klimakreise.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 (sanitized by nh3)


@register.simple_tag
def public_actions(edition):
    from klimakreise.core.nav import PUBLIC_ACTIONS, links_for

    return links_for(edition, PUBLIC_ACTIONS)


@register.simple_tag
def organizer_tools(edition):
    from klimakreise.core.nav import ORGANIZER_TOOLS, links_for

    return links_for(edition, ORGANIZER_TOOLS)
