"""Access to organizer pages: checked before anything else is read or written.

The check is the back office's (klimakreise.backoffice.access); these URLs name the edition
`slug` because organizer tool links (klimakreise.core.nav) are reversed with that name.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login

from klimakreise.backoffice.access import load_scope


def organizer_view(view):
    """Anonymous → login page; not an organizer of the edition's series → 403; unknown → 404.

    The view gets the checked edition (with its series) instead of the slug.
    """

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        scope = load_scope(request.user, {"edition": slug})
        return view(request, scope.edition, *args, **kwargs)

    return wrapper
