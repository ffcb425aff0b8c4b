"""How boards answer the signals of the apps below them."""

from klimakreise.boards.access import may_see_circle_files
from klimakreise.boards.services.erasure import forget_names_on_erasure
from klimakreise.editions.signals import circle_file_requested
from klimakreise.registrations.privacy import personal_data_erased


def _circle_file_requested(sender, *, request, circle, **kwargs) -> bool:
    return may_see_circle_files(request, circle)


def connect() -> None:
    personal_data_erased.connect(forget_names_on_erasure, dispatch_uid="boards:erasure")
    circle_file_requested.connect(_circle_file_requested, dispatch_uid="boards:circle-files")
