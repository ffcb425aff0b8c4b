from django.db import models
from django.utils.translation import gettext_lazy as _

# Sector titles are data a series may rename, stored as written here (the series' language),
# not translated at creation time.
DEFAULT_SECTORS = [
    ("verwaltung", "Verwaltung"),
    ("zivilgesellschaft", "Zivilgesellschaft"),
    ("unternehmen", "Unternehmen"),
    ("wissenschaft", "Wissenschaft"),
    ("politik", "Politik"),
    ("sonstige", "Sonstige"),
]


class Sector(models.Model):
    """A societal sector people and organizations belong to; each series keeps its own list."""

    series = models.ForeignKey("editions.Series", on_delete=models.CASCADE, related_name="sectors")
    slug = models.SlugField(_("short name"), max_length=50)
    title = models.CharField(_("title"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["series", "slug"], name="sector_slug_unique_per_series")
        ]

    def __str__(self):
        return self.title


class Organization(models.Model):
    class Kind(models.TextChoices):
        """What sort of organization it is; funder reports count people by it."""

        CIVIL_SOCIETY = "civil_society", _("civil society organization or association")
        INITIATIVE = "initiative", _("initiative")
        ADMINISTRATION = "administration", _("city administration")
        BUSINESS = "business", _("business")
        SCIENCE = "science", _("science or education")
        OTHER = "other", _("other")

    series = models.ForeignKey(
        "editions.Series", on_delete=models.CASCADE, related_name="organizations"
    )
    name = models.CharField(_("name"), max_length=200)
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.SET_NULL, null=True, blank=True
    )
    # Blank until organizers set it: an unknown kind is reported as such, not guessed as "other".
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_alliance_member = models.BooleanField(_("alliance member"), default=False)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "name"], name="organization_name_unique_per_series"
            )
        ]

    def __str__(self):
        return self.name
