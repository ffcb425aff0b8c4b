"""One set of create/edit/delete views for everything that hangs below a series or an edition.

A ChildKind names the model and its form; the form's `parent_field` says whether it lives under
the series or the edition of the URL. The access check (OrganizerAccessMixin) runs first, and every
object is looked up below the checked parent, so nothing of another series can be reached. Writes
go through backoffice.services (save_part, delete_part); the kinds are listed in managed_models.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, UpdateView

from klimakreise.backoffice.services import PartInUse, delete_part, save_part
from klimakreise.editions.access import OrganizerAccessMixin


@dataclass(frozen=True)
class ChildKind:
    name: str  # URL names: backoffice:<name>_create, <name>_edit, <name>_delete
    segment: str  # URL path segment, e.g. "topics"
    model: type
    form_class: type
    deletable: bool = True

    @property
    def parent_field(self) -> str:
        return self.form_class.parent_field

    @property
    def label(self) -> str:
        return capfirst(self.model._meta.verbose_name)


class ChildMixin(OrganizerAccessMixin):
    kind: ChildKind = None  # set through as_view(kind=...)

    @property
    def parent(self):
        return getattr(self.scope, self.kind.parent_field)

    def get_queryset(self):
        return self.kind.model.objects.filter(**{self.kind.parent_field: self.parent})

    def get_success_url(self):
        return self.back_url

    @property
    def back_url(self) -> str:
        """The parts of an edition are listed on its details tab, not on its cockpit."""
        if self.kind.parent_field == "edition":
            return reverse("backoffice:edition_details", kwargs={"slug": self.scope.edition.slug})
        return self.scope.url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=self.page_title(),
            trail=self.scope.trail(),
            cancel_url=self.back_url,
        )
        return context


class ChildFormMixin(ChildMixin):
    template_name = "backoffice/form.html"

    def get_form_class(self):
        return self.kind.form_class

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parent": self.parent}

    def form_valid(self, form):
        self.object = save_part(form=form)
        messages.success(self.request, _("Saved."))
        return HttpResponseRedirect(self.get_success_url())


class ChildCreateView(ChildFormMixin, CreateView):
    def page_title(self):
        return _("New %(kind)s") % {"kind": self.kind.label}


class ChildUpdateView(ChildFormMixin, UpdateView):
    def page_title(self):
        return _("Edit %(kind)s “%(name)s”") % {"kind": self.kind.label, "name": self.object}


class ChildDeleteView(ChildMixin, DeleteView):
    """GET shows the confirmation page; only the POST from it deletes."""

    template_name = "backoffice/confirm_delete.html"

    def page_title(self):
        return _("Delete %(kind)s “%(name)s”?") % {"kind": self.kind.label, "name": self.object}

    def form_valid(self, form):
        success_url = self.get_success_url()
        try:
            delete_part(part=self.object)
        except PartInUse:
            messages.error(self.request, _("This cannot be deleted while other records use it."))
            return HttpResponseRedirect(success_url)
        messages.success(self.request, _("Deleted."))
        return HttpResponseRedirect(success_url)
