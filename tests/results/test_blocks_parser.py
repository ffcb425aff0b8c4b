"""The test's own block parser must reject what WordPress would not accept."""

import pytest

from tests.results.blocks import BlockSyntaxError, parse_blocks


def test_parser_reads_nested_blocks_with_attributes():
    (details,) = parse_blocks(
        '<!-- wp:details -->\n<details><summary>A</summary><!-- wp:heading {"level":3} -->'
        "<h3>x</h3><!-- /wp:heading --></details>\n<!-- /wp:details -->"
    )
    assert details.name == "details"
    assert details.children[0].attrs == {"level": 3}


@pytest.mark.parametrize(
    "fragment",
    [
        "<!-- wp:details --><p>x</p>",  # never closed
        "<!-- wp:list --><!-- wp:list-item --><li>x</li><!-- /wp:list -->",  # crossed
        "<!-- wp:heading {level:3} --><h3>x</h3><!-- /wp:heading -->",  # not JSON
        "<!-- /wp:paragraph -->",  # closer without opener
    ],
)
def test_parser_rejects_broken_fragments(fragment):
    with pytest.raises(BlockSyntaxError):
        parse_blocks(fragment)
