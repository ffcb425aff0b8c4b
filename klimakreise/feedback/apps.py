from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "klimakreise.feedback"
    verbose_name = _("Feedback")

    def ready(self):
        # Connected once the app registry is ready, as Django asks: the modules import models,
        # which cannot be imported while apps.py itself is being loaded.
        from klimakreise.core.cache import retire_pages_on_change
        from klimakreise.feedback import models

        # The published summary is part of the cached results page; a new or changed answer
        # changes its counts, publishing or unpublishing shows or hides it.
        retire_pages_on_change(models.Survey, models.Question, models.Response)
