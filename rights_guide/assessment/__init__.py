"""The rules engine: plain data in (Answers), plain data out (Assessment). No Django here."""

from rights_guide.assessment.answers import (
    Answers,
    Event,
    InvalidAnswers,
    answers_to_data,
    is_night,
    parse_answers,
)
from rights_guide.assessment.engine import Assessment, Citation, Finding, evaluate
from rights_guide.reading import FieldError

__all__ = [
    "Answers",
    "Assessment",
    "Citation",
    "Event",
    "FieldError",
    "Finding",
    "InvalidAnswers",
    "answers_to_data",
    "evaluate",
    "is_night",
    "parse_answers",
]
