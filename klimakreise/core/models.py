"""Core's one model: when each periodic job last ran (klimakreise.core.jobs)."""

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
