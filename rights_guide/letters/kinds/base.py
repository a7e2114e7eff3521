"""What a kind of letter is: everything about it in one object, registered once.

A ``LetterKind`` carries its code (the API's ``kind``), the title and
purpose shown where letters are offered, the printed title, the download's
file name, the builder that drafts it, which provisions it cites, and when
the results page offers it. ``letters/kinds/__init__.py`` lists the kinds;
the parser, the writer, the renderer, the snapshot and the pages all look
a kind up there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from rights_guide.assessment import Assessment
    from rights_guide.knowledge.model import Provision
    from rights_guide.knowledge.vocabulary import Vocabulary
    from rights_guide.letters.drafting import Draft
    from rights_guide.letters.request import LetterRequest


@dataclass(frozen=True)
class Situation:
    """What decides which letters a story is offered: from the engine's assessment."""

    lender_type: str
    overall: str  # the most serious severity
    channels: tuple[str, ...]  # the complaint bodies the engine named
    vocabulary: Vocabulary

    @property
    def complaint(self) -> bool:
        """Something described is worth complaining of."""
        return self.overall != "lawful"


@dataclass(frozen=True)
class CitationPolicy:
    """Which provisions a letter cites.

    ``conduct`` picks among the provisions the engine cited for what
    happened (verified ones only, see letters/legal.py); ``requests`` are
    cited for what the letter asks, if in force on the day it is written,
    and only for the lender types in ``requests_for`` when that is given.
    """

    conduct: Callable[[Provision], bool]
    requests: tuple[str, ...] = ()
    requests_for: frozenset[str] | None = None


@dataclass(frozen=True)
class LetterKind:
    code: str
    title: Promise  # where letters are offered: 向借款机构投诉
    purpose: Promise  # one sentence under it
    letter_title: Promise  # printed at the top of the letter
    file_name: str  # ASCII, for the download: complaint-to-lender
    build: Callable[[LetterRequest, Assessment], Draft]
    citations: CitationPolicy
    offered: Callable[[Situation], bool]
