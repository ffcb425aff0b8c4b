"""The models the generic back-office create/edit/delete views manage (backoffice.views.generic).

One ChildKind per model, nothing copied per model: backoffice.urls makes each entry's URLs, and
the views save and delete through backoffice.services.save_part and delete_part.
"""

from klimakreise.backoffice.forms.children import (
    AgendaItemForm,
    CircleForm,
    PartnerForm,
    TopicForm,
)
from klimakreise.backoffice.forms.editions import EditionForm
from klimakreise.backoffice.forms.series import OrganizationForm, SectorForm
from klimakreise.backoffice.forms.uploads import AttachmentForm
from klimakreise.backoffice.views.generic import ChildKind
from klimakreise.circles.models import Circle
from klimakreise.editions.models import AgendaItem, Attachment, Edition, Partner, Topic
from klimakreise.organizations.models import Organization, Sector

EDITION = ChildKind("edition", "editions", Edition, EditionForm)

# Below a series: /manage/series/<series>/<segment>/…
SERIES_CHILDREN = [
    # Registrations point at sectors (PROTECT): sectors are renamed and moved, never deleted.
    ChildKind("sector", "sectors", Sector, SectorForm, deletable=False),
    ChildKind("organization", "organizations", Organization, OrganizationForm),
]

# Below an edition: /manage/e/<edition>/<segment>/…
EDITION_CHILDREN = [
    ChildKind("agenda_item", "agenda", AgendaItem, AgendaItemForm),
    ChildKind("topic", "topics", Topic, TopicForm),
    ChildKind("circle", "circles", Circle, CircleForm),
    ChildKind("partner", "partners", Partner, PartnerForm),
    ChildKind("attachment", "attachments", Attachment, AttachmentForm),
]
