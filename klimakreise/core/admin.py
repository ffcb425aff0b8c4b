from django.contrib import admin

from klimakreise.core.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["name", "next_run_at", "last_started_at", "last_finished_at"]
    readonly_fields = ["last_started_at", "last_finished_at", "last_error"]
