"""Validation messages shared by several forms (and asserted by the tests)."""

from django.utils.translation import gettext_lazy as _

from klimakreise.editions import uploads

END_AFTER_START = _("The end must be after the start.")
EDITION_SLUG_TAKEN = _("Another edition already uses this short name.")
EDITION_NUMBER_TAKEN = _("This series already has an edition with this number.")
REGISTRATION_WINDOW = _("Registration must close after it opens.")
GET_TOGETHER_EARLY = _("The get-together cannot start before the edition starts.")
SERIES_SLUG_TAKEN = _("Another series already uses this short name.")
ALREADY_ORGANIZER = _("This person is already in the organizer team.")
SECTOR_SLUG_TAKEN = _("Another sector of this series already uses this short name.")
ORGANIZATION_NAME_TAKEN = _("This series already has an organization with this name.")
ITEM_BEFORE_EDITION = _("The item cannot start before the edition starts.")
ITEM_AFTER_EDITION = _("The item must start before the edition ends.")
TALK_NEEDS_SPEAKER = _("A talk needs a speaker.")
TALK_NEEDS_ORGANIZATION = _("A talk needs the speaker's organization.")
MIN_ABOVE_MAX = _("The minimum size cannot be larger than the maximum size.")
MIN_GROUPS_ABOVE_MAX = _(
    "A topic cannot be sure to run with more circles than its maximum parallel groups."
)
TOPIC_SLUG_TAKEN = _("Another topic of this edition already uses this short name.")
CIRCLE_INDEX_TAKEN = _("This topic already has a group with this number.")
USER_OR_NAME = _("Choose a user or enter a name, not both.")
PARTNER_TAKEN = _("This organization already has this role in this edition.")
FILE_TOO_LARGE = uploads.FILE_TOO_LARGE
FILE_TYPE = uploads.FILE_TYPE
ONE_TARGET = _("Attach the file to an agenda item or to a circle, not to both.")
