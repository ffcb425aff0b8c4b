from django.utils.translation import gettext_lazy as _


class BoardError(Exception):
    """A refused change; the message is shown to the person as it is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class StaleEdit(BoardError):
    """Someone else saved first. `current` is what is stored now (None: it was removed)."""

    def __init__(self, current):
        if current is None:
            message = _("Someone else removed this card in the meantime. Nothing was changed.")
        else:
            message = _(
                "Someone else changed this in the meantime. Your change was not saved; "
                "compare it with the newer version below."
            )
        super().__init__(message)
        self.current = current
