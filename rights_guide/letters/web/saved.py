"""The visitor's downloaded letters: listed, downloaded again, deleted, all without JavaScript.

A downloaded letter is kept with the case (``StoredLetter``, once per
content) so the same PDF can be had again; this page is the only way to
it, reached from the results and privacy pages. Deleting one removes its
row (its name, ID number and contacts) at once; "delete everything" and
expiry remove them all. Download links carry a random token checked
against the visitor's own case.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from rights_guide.formatting import format_datetime
from rights_guide.letters.kinds import KINDS
from rights_guide.models import StoredLetter


@never_cache
@require_safe
def saved_letters(request: HttpRequest) -> HttpResponse:
    rows = StoredLetter.of_case(request.case.instance)
    letters = [
        {
            "token": row.token,
            "title": KINDS[row.kind].letter_title if row.kind in KINDS else row.kind,
            "downloaded": format_datetime(timezone.localtime(row.created_at).replace(tzinfo=None)),
        }
        for row in rows.only("token", "kind", "created_at")
    ]
    return render(request, "rights_guide/saved_letters.html", {"letters": letters})


@require_POST
def delete_saved(request: HttpRequest, token: str) -> HttpResponse:
    case = request.case.instance
    deleted = 0
    if case is not None:
        deleted, _types = StoredLetter.objects.filter(case=case, token=token).delete()
    if not deleted:
        raise Http404
    messages.success(request, _("The letter has been deleted from our server."))
    return redirect("saved_letters")
