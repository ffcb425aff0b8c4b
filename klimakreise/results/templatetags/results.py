from django import template

from klimakreise.results.rendering import render_results

register = template.Library()


@register.simple_tag
def results_html(results, mode):
    """{% results_html results "page" %}: the shared results partial (results.rendering)."""
    return render_results(results, mode=mode)
