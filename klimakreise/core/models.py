"""Core's models: when each periodic job last ran (klimakreise.core.jobs) and the rate limit's
counters (klimakreise.core.ratelimit)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """When a periodic job ran and is next due; in the database so all workers agree."""

    name = models.CharField(_("job"), max_length=100)
    next_run_at = models.DateTimeField(_("next run"))
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="outbox_job_name_unique")]
        # Created by the outbox app, which ran the jobs first; table and constraint keep its name.
        db_table = "outbox_jobrun"

    def __str__(self):
        return self.name


class RateLimitHit(models.Model):
    """Requests of one client in one time window, for the rate limits (core/ratelimit.py).
    `client` is a keyed hash of the limit's group and the address; rows are deleted once their
    window is over."""

    client = models.CharField(max_length=40)
    window_end = models.BigIntegerField()  # Unix time in seconds
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "window_end"], name="ratelimit_one_row_per_client_window"
            )
        ]
        indexes = [models.Index(fields=["window_end"], name="ratelimit_window_end")]
        # Created by the registrations app, whose limit came first; the table keeps its name.
        db_table = "registrations_ratelimithit"

    def __str__(self):
        return f"{self.hits} until {self.window_end}"
