"""Static files as WhiteNoise serves them, with each file's URL remembered per process."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Every page links the same style sheets, and looking up a hashed name in the manifest
    costs about as much as rendering a dozen template variables. The manifest is read once per
    process and never changes under it, so neither does the URL it gives for a name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
