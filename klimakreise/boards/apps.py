from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardsConfig(AppConfig):
    name = "klimakreise.boards"
    verbose_name = _("Boards")

    def ready(self):
        from klimakreise.boards.access import board_is_public, may_see_circle_files
        from klimakreise.boards.services.erasure import forget_names_on_erasure
        from klimakreise.core.nav import (
            EditionLink,
            register_organizer_tool,
            register_public_action,
        )
        from klimakreise.editions.views import register_circle_file_rule
        from klimakreise.registrations.privacy import personal_data_erased

        personal_data_erased.connect(forget_names_on_erasure, dispatch_uid="boards:erasure")
        register_circle_file_rule(may_see_circle_files)
        register_organizer_tool(EditionLink(_("Circle workspaces"), "boards:overview", order=50))
        register_organizer_tool(EditionLink(_("Plenary view"), "boards:plenary", order=60))
        register_public_action(
            EditionLink(_("Plenary view"), "boards:plenary", visible=board_is_public, order=60)
        )
