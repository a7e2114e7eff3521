"""Start the interview with people already ticked, from a guide page's button.

A guide topic about calls to someone's family links to
``/interview/?preselect=family``: when the visitor reaches "Whom did they
contact?", that answer is already ticked and can be changed. Only target
codes from the vocabulary are read from the address (never anything the
visitor typed), and they become a draft of the contacts page, as if the
visitor had ticked them and gone back: an answer already given is never
overwritten. Nothing is written unless a known code is given, so reading
the guide still leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable

from rights_guide.cases.store import VisitorCase
from rights_guide.interview import store
from rights_guide.knowledge import get_knowledge

PARAMETER = "preselect"
STEP = "contacts"  # the step whose answer a guide can tick in advance
FIELD = "targets"


def preselect_contacts(case: VisitorCase, codes: Iterable[str]) -> None:
    """Tick these people on the contacts page unless it was answered already."""
    known = get_knowledge().vocabulary.targets.codes
    wanted = {code for code in codes if code in known}
    if not wanted or STEP in store.stored_answers(case):
        return
    drafts = dict(case.get(store.DRAFTS, {}))
    ticked = set((drafts.get(STEP) or {}).get(FIELD, [])) | wanted
    drafts[STEP] = {FIELD: [code for code in known if code in ticked]}
    case.update(**{store.DRAFTS: drafts})
