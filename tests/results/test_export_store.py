"""Exports of published results are built once per published version and then read from a file;
query strings and headers make no new work, and building is rate-limited per client."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from klimakreise.results.exports import FORMATS
from klimakreise.results.exports.store import (
    STALE_CLAIM,
    build_export,
    build_missing_exports,
    export_path,
    version_key,
)
from klimakreise.results.models import ExportFile
from klimakreise.results.publication import publish_results, touch_results, unpublish_results
from klimakreise.results.queries import results_queryset
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def export_url(edition, fmt="markdown", query=""):
    return reverse("results:export", kwargs={"slug": edition.slug, "fmt": fmt}) + query


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def fresh(edition):
    return results_queryset().get(pk=edition.pk)


def test_an_export_is_built_once_and_then_read_from_its_file(client, published):
    first = client.get(export_url(published, query="?x=1"))
    assert first.status_code == 200
    assert first["Content-Disposition"] == f'attachment; filename="{published.slug}-results.md"'
    export = ExportFile.objects.get()
    export_path(export).write_bytes(b"stored file")
    again = client.get(
        export_url(published, query="?x=2"), HTTP_CACHE_CONTROL="no-cache", HTTP_X_ANY="1"
    )
    assert body(again) == b"stored file"  # read, not rendered again
    assert ExportFile.objects.get() == export


@pytest.mark.parametrize("change", ["republish", "touch"])
def test_a_new_version_of_the_results_gets_a_new_file_and_the_old_one_goes(
    client, published, change, django_capture_on_commit_callbacks
):
    client.get(export_url(published))
    old = ExportFile.objects.get()
    if change == "republish":
        unpublish_results(edition=published)
        publish_results(edition=published)
    else:
        touch_results(edition=published)
    with django_capture_on_commit_callbacks(execute=True):  # old files go once the new one is in
        assert client.get(export_url(published)).status_code == 200
    new = ExportFile.objects.get()
    assert new.version == version_key(fresh(published)) != old.version
    assert export_path(new).is_file()
    assert not export_path(old).exists()


def test_each_language_gets_its_own_file(client, published):
    german = client.get(export_url(published), HTTP_ACCEPT_LANGUAGE="de").getvalue().decode()
    english = client.get(export_url(published), HTTP_ACCEPT_LANGUAGE="en").getvalue().decode()
    assert "## Ideen" in german
    assert "## Ideas" in english
    assert sorted(ExportFile.objects.values_list("language", flat=True)) == ["de", "en"]


def test_over_the_build_rate_a_client_is_asked_to_try_again_but_built_files_stay_free(
    client, published, settings
):
    settings.KLIMAKREISE_EXPORT_BUILD_RATE = "1/m"
    assert client.get(export_url(published, "markdown")).status_code == 200
    refused = client.get(export_url(published, "wordpress"))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert not ExportFile.objects.filter(format="wordpress").exists()
    assert client.get(export_url(published, "markdown", "?again")).status_code == 200


def test_while_another_process_builds_the_file_the_client_is_asked_to_try_again(client, published):
    claim = ExportFile.objects.create(
        edition=published, format="html", language="de", version=version_key(fresh(published)),
        claimed_at=timezone.now(),
    )  # fmt: skip
    waiting = client.get(export_url(published, "html"))
    assert waiting.status_code == 503
    assert waiting["Retry-After"] == "5"
    ExportFile.objects.filter(pk=claim.pk).update(claimed_at=timezone.now() - STALE_CLAIM * 2)
    taken_over = client.get(export_url(published, "html"))  # the builder died: build anew
    assert taken_over.status_code == 200
    assert ExportFile.objects.get().built_at is not None


def test_an_organizers_export_of_unpublished_results_is_not_stored(
    client_for, results_edition, organizer
):
    assert client_for(organizer).get(export_url(results_edition)).status_code == 200
    assert not ExportFile.objects.exists()


def test_the_worker_builds_every_format_and_language_of_published_results_once(published, settings):
    unpublished = EditionFactory(series=published.series)
    assert build_missing_exports() == len(FORMATS) * len(settings.LANGUAGES)
    built = {(e.format, e.language) for e in ExportFile.objects.filter(edition=published)}
    assert built == {(f, lang) for f in FORMATS for lang, _name in settings.LANGUAGES}
    assert not ExportFile.objects.filter(edition=unpublished).exists()
    assert build_missing_exports() == 0


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads share one in-memory SQLite database"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_requests_build_the_file_once_on_postgresql(published):
    def build(_):
        try:
            return build_export(edition=fresh(published), fmt="html", language="de")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(4) as pool:
        built = [export for export in pool.map(build, range(4)) if export is not None]
    assert len(built) == 1
    assert ExportFile.objects.get().built_at is not None
