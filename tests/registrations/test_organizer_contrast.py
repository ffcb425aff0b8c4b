"""The demand bars of the registrations list carry white text: every wish colour must be dark
enough for it (WCAG AA, 4.5:1 for small text). The rules are looked for in the app's templates and
static CSS alike, wherever they live."""

import re
from pathlib import Path

import pytest

import klimakreise.registrations

APP = Path(klimakreise.registrations.__file__).parent
RANK_RULE = re.compile(r"((?:\.rank-\d+\s*,?\s*)+)\{[^}]*?background:\s*(#[0-9a-fA-F]{6})[^}]*\}")


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    darker, lighter = sorted([luminance(one), luminance(other)])
    return (lighter + 0.05) / (darker + 0.05)


def rank_colours() -> dict[str, str]:
    found = {}
    for path in [*APP.rglob("*.css"), *APP.rglob("*.html")]:
        for selectors, colour in RANK_RULE.findall(path.read_text(encoding="utf-8")):
            for selector in re.findall(r"\.rank-\d+", selectors):
                found[selector] = colour
    return found


def test_the_contrast_check_refuses_the_old_third_wish_colour():
    assert contrast("#5b7f93", "#ffffff") < 4.5


def test_the_wish_colours_are_found():
    assert {".rank-1", ".rank-2", ".rank-3"} <= set(rank_colours())


@pytest.mark.parametrize(("selector", "colour"), sorted(rank_colours().items()))
def test_white_text_on_every_wish_colour_has_enough_contrast(selector, colour):
    assert contrast(colour, "#ffffff") >= 4.5, f"{selector} {colour}"
