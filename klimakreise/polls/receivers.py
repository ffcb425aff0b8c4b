"""How polls answer the signals of the apps below them."""

from klimakreise.polls.erasure import forget_voters_on_erasure
from klimakreise.registrations.privacy import personal_data_erased


def connect() -> None:
    personal_data_erased.connect(forget_voters_on_erasure, dispatch_uid="polls:erasure")
