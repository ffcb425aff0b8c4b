"""Keep the published results fresh: board changes after publishing mark them "updated on", and
so does a status update of the previous edition's steps (the Rückblick in the exports)."""

from django.db.models.signals import post_delete, post_save

from klimakreise.boards.models import CardChange
from klimakreise.editions.models import Attachment, Edition
from klimakreise.results.publication import touch_results
from klimakreise.steps.models import StepUpdate


def _circle_changed(sender, instance, **kwargs):
    touch_results(circle_id=instance.circle_id)


def _attachment_changed(sender, instance, **kwargs):
    touch_results(edition_id=instance.edition_id)


def _step_updated(sender, instance, created, **kwargs):
    """The next edition's results carry the Rückblick on this one's steps (steps.review): their
    exports are built again."""
    if not created:
        return
    edition = Edition.objects.filter(circles__cards=instance.card_id).first()
    if edition is None:
        return
    following = Edition.objects.filter(series_id=edition.series_id, number__gt=edition.number)
    if nxt := following.order_by("number").first():
        touch_results(edition=nxt)


def connect() -> None:
    # Every change of a board (cards, notes, votes) writes one history entry, whatever way it
    # writes its rows; placing a dot does not, as dots stay hidden until their vote closes.
    post_save.connect(_circle_changed, sender=CardChange, dispatch_uid="results:touch:board")
    uid = "results:touch:attachment"
    post_save.connect(_attachment_changed, sender=Attachment, dispatch_uid=uid + ":save")
    post_delete.connect(_attachment_changed, sender=Attachment, dispatch_uid=uid + ":delete")
    post_save.connect(_step_updated, sender=StepUpdate, dispatch_uid="results:touch:review")
