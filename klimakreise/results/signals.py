"""Keep the published results fresh: board changes after publishing mark them "updated on"."""

from django.db.models.signals import post_delete, post_save

from klimakreise.boards.models import CardChange
from klimakreise.editions.models import Attachment
from klimakreise.results.publication import touch_results


def _circle_changed(sender, instance, **kwargs):
    touch_results(circle_id=instance.circle_id)


def _attachment_changed(sender, instance, **kwargs):
    touch_results(edition_id=instance.edition_id)


def connect() -> None:
    # Every change of a board (cards, notes, votes) writes one history entry, whatever way it
    # writes its rows; placing a dot does not, as dots stay hidden until their vote closes.
    post_save.connect(_circle_changed, sender=CardChange, dispatch_uid="results:touch:board")
    uid = "results:touch:attachment"
    post_save.connect(_attachment_changed, sender=Attachment, dispatch_uid=uid + ":save")
    post_delete.connect(_attachment_changed, sender=Attachment, dispatch_uid=uid + ":delete")
