"""Static URLs are remembered per process, as the manifest they come from is."""

import json

import pytest

from klimakreise.core.storage import StaticStorage


@pytest.fixture
def storage(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"site.css": "site.0123abcd.css"}})
    )
    return StaticStorage(location=tmp_path, base_url="/static/")


def test_a_url_is_the_hashed_name_from_the_manifest(storage):
    assert storage.url("site.css") == "/static/site.0123abcd.css"


def test_a_url_once_given_stays_while_the_process_runs(storage):
    first = storage.url("site.css")
    storage.hashed_files["site.css"] = "site.ffffffff.css"  # as if the manifest were re-read

    assert storage.url("site.css") == first
    assert storage.url("site.css", force=True) == "/static/site.ffffffff.css"


def test_a_name_missing_from_the_manifest_is_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("missing.css")
