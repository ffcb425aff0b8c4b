"""The Jinja2 environment of the results partial behaves like Django's templates."""

from datetime import UTC, date, datetime

import pytest
from django.template import engines
from django.utils import timezone, translation
from jinja2 import UndefinedError

from klimakreise.core.jinja import environment


def render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_values_are_escaped_even_when_autoescape_is_asked_off():
    env = environment(autoescape=False)
    assert env.from_string("{{ text }}").render(text="<b>") == "&lt;b&gt;"
    assert render("{{ text }}", text='<script>"x"</script>') == (
        "&lt;script&gt;&#34;x&#34;&lt;/script&gt;"
    )


def test_a_misspelt_name_fails_instead_of_rendering_nothing():
    with pytest.raises(UndefinedError):
        render("{{ circle.nmae }}", circle={"name": "Mobilität"})


def test_linebreaksbr_escapes_and_breaks_every_kind_of_newline():
    html = render("{{ text|linebreaksbr }}", text="<i>eins</i>\r\nzwei\nd&rei")
    assert html == "&lt;i&gt;eins&lt;/i&gt;<br>zwei<br>d&amp;rei"


def test_markdown_is_sanitized():
    html = render("{{ text|markdown }}", text="**fett** <script>alert(1)</script>")
    assert "<strong>fett</strong>" in html and "<script>" not in html


def test_dates_follow_the_current_language_and_time_zone():
    moment = datetime(2022, 6, 18, 8, 30, tzinfo=UTC)  # 10:30 in Berlin (summer time)
    with translation.override("de"):
        assert render('{{ d|date("l") }}, {{ d|time("H:i") }}', d=moment) == "Samstag, 10:30"
    with translation.override("en"):
        assert render('{{ d|date("l") }}', d=moment) == "Saturday"
    with timezone.override("America/New_York"):
        assert render('{{ d|time("H:i") }}', d=moment) == "04:30"
    with translation.override("de"):
        assert render('{{ d|date("SHORT_DATE_FORMAT") }}', d=date(2022, 6, 18)) == "18.06.2022"
