"""Forms of the log's pages. They lay out fields; the log's reader (``record``) judges them.

``IncidentForm`` is the quick entry and the edit form: its ``incident_data``
is what was typed, in the API's shape, for ``record.read_incident``; errors
come back next to their field (``field_for``). Evidence files are described,
never uploaded: each row holds a name and a date, and, where JavaScript
computed it on the phone, the size and the SHA-256 fingerprint (hidden
fields the script fills; the picker that reads the file has no name, so
the file itself is never sent).
"""

from __future__ import annotations

import re
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from rights_guide.evidence.csvio import MAX_CSV_BYTES, normal_date, normal_time
from rights_guide.evidence.record import FLAGS, MAX_FILES_PER_INCIDENT, Incident
from rights_guide.evidence.words import evidence_choices, flag_choices
from rights_guide.i18n import localized
from rights_guide.knowledge import get_knowledge
from rights_guide.reading import FieldError, numeral

FILE_ROWS = tuple(range(1, MAX_FILES_PER_INCIDENT + 1))
READER_FIELD = re.compile(r"^incident\.(\w+)(?:\[(\d+)\](?:\.(\w+))?)?$")


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def _text(label, *, widget=None, help_text="", **attrs) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        strip=False,
        widget=widget or forms.TextInput(attrs=attrs),
    )


class IncidentForm(forms.Form):
    """One contact: when, who, how, who called, what was said, what happened, the evidence."""

    date = _text(_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = _text(
        _("Time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("On the 24-hour clock, for example 22:30."),
    )
    target = _text(_("Who was contacted"), widget=forms.Select)
    channel = _text(_("How"), widget=forms.Select)
    caller = _text(
        _("The number or name that contacted them (optional)"),
        autocomplete="off",
        spellcheck="false",
    )
    description = _text(
        _("What was said or done (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In your own words. Short is fine."),
    )
    flags = forms.MultipleChoiceField(
        label=_("Did any of these happen?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    tactics = forms.MultipleChoiceField(
        label=_("What did they say or do?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    evidence = forms.MultipleChoiceField(
        label=_("What evidence do you have?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        vocabulary = get_knowledge().vocabulary
        self.fields["target"].widget.choices = [
            (target.code, localized(target.option)) for target in vocabulary.targets
        ]
        self.fields["channel"].widget.choices = [
            (means.code, localized(means.incident)) for means in vocabulary.contact_means
        ]
        self.fields["flags"].choices = flag_choices()
        self.fields["tactics"].choices = [
            (tactic.code, localized(tactic.option)) for tactic in vocabulary.tactics
        ]
        self.fields["evidence"].choices = evidence_choices()
        for row in FILE_ROWS:
            self.fields["file_name_%d" % row] = _text(
                _("File %(number)s: its name") % {"number": row},
                autocomplete="off",
                spellcheck="false",
            )
            self.fields["file_date_%d" % row] = _text(
                _("File %(number)s: its date") % {"number": row},
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields["file_size_%d" % row] = _text("", widget=forms.HiddenInput)
            self.fields["file_sha256_%d" % row] = _text("", widget=forms.HiddenInput)

    def file_fields(self) -> list[tuple]:
        """(row, name, date, size, fingerprint) bound fields of each evidence file row."""
        return [
            (
                row,
                self["file_name_%d" % row],
                self["file_date_%d" % row],
                self["file_size_%d" % row],
                self["file_sha256_%d" % row],
            )
            for row in FILE_ROWS
        ]

    def more_open(self) -> bool:
        """Whether the optional part holds errors (then it is shown open)."""
        optional = {"tactics", "evidence"} | {
            name for name in self.fields if name.startswith("file_")
        }
        return self.is_bound and any(self.errors.get(name) for name in optional)

    def value(self, name: str) -> str:
        return str(self[name].value() or "")

    def values(self, name: str) -> list[str]:
        value = self[name].value() or []
        return [str(item) for item in (value if isinstance(value, list | tuple) else [value])]

    def incident_data(self, reader_errors: list[FieldError]) -> dict[str, Any]:
        """What was typed, as the API's incident data; date and time are checked here."""
        day, moment = self.value("date").strip(), self.value("time").strip()
        when_day, when_time = normal_date(day), normal_time(moment)
        if not day:
            reader_errors.append(FieldError("date", "required"))
        elif when_day is None:
            reader_errors.append(FieldError("date", "invalid_date"))
        if not moment:
            reader_errors.append(FieldError("time", "required"))
        elif when_time is None:
            reader_errors.append(FieldError("time", "invalid_time"))
        data: dict[str, Any] = {
            "when": "%sT%s" % (when_day, when_time) if when_day and when_time else None,
            "target": self.value("target"),
            "channel": self.value("channel"),
            "description": self.value("description"),
            "caller": self.value("caller"),
            "tactics": self.values("tactics"),
            "evidence": self.values("evidence"),
        }
        chosen = set(self.values("flags"))
        data.update({flag: flag in chosen for flag in FLAGS})
        files = []
        for row in FILE_ROWS:
            name = self.value("file_name_%d" % row)
            if not name.strip():
                continue
            item: dict[str, Any] = {"name": name}
            size = self.value("file_size_%d" % row).strip()
            if size:
                item["size"] = numeral(size)
            day_typed = self.value("file_date_%d" % row).strip()
            if day_typed:
                item["date"] = normal_date(day_typed) or day_typed
            fingerprint = self.value("file_sha256_%d" % row).strip()
            if fingerprint:
                item["sha256"] = fingerprint
            item["_row"] = row
            files.append(item)
        self.file_rows = [item.pop("_row") for item in files]
        data["files"] = files
        return data

    def field_for(self, error: FieldError) -> str | None:
        """The field a reader error belongs to (``incident.files[1].date`` → file_date_2)."""
        found = READER_FIELD.match(error.field)
        if found is None:
            return error.field if error.field in self.fields else None
        name, index, part = found.groups()
        if name == "when":
            return "date"
        if name in FLAGS:
            return "flags"
        if name == "files" and index is not None:
            row = self.file_rows[int(index)] if int(index) < len(self.file_rows) else 1
            return "file_date_%d" % row if part == "date" else "file_name_%d" % row
        return name if name in self.fields else None

    @staticmethod
    def initial_from(incident: Incident) -> dict[str, Any]:
        """The form's values for an incident (the edit page)."""
        initial: dict[str, Any] = {
            "date": incident.when.date().isoformat(),
            "time": incident.when.strftime("%H:%M"),
            "target": incident.target,
            "channel": incident.channel,
            "caller": incident.caller,
            "description": incident.description,
            "flags": [flag for flag in FLAGS if flag in incident.flags],
            "tactics": sorted(incident.tactics),
            "evidence": sorted(incident.evidence),
        }
        for row, file in zip(FILE_ROWS, incident.files, strict=False):
            initial["file_name_%d" % row] = file.name
            initial["file_date_%d" % row] = file.date.isoformat() if file.date else ""
            initial["file_size_%d" % row] = "" if file.size is None else str(file.size)
            initial["file_sha256_%d" % row] = file.sha256
        return initial


class PeopleForm(forms.Form):
    """How many different people other than the borrower they reached (the letters say it)."""

    people_reached = forms.CharField(
        label=_("How many different people other than you did they reach? (optional)"),
        help_text=_(
            "Family, friends, colleagues, people in your contacts: count each person once. The letters say this number."
        ),
        required=False,
        widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ImportForm(forms.Form):
    """A CSV log, as a file or pasted."""

    file = forms.FileField(
        label=_("A CSV file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
    )
    text = _text(
        _("Or paste the rows here, with the header row first"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def csv_text(self) -> tuple[str | None, str | None]:
        """(text, None) or (None, an error code): the file if one was chosen, else the pasted text."""
        upload = self.files.get("file")
        if upload is not None:
            if upload.size > MAX_CSV_BYTES:
                return None, "csv_too_large"
            raw = upload.read(MAX_CSV_BYTES + 1)
            for encoding in ("utf-8-sig", "gb18030"):  # spreadsheets in China often save GB18030
                try:
                    return raw.decode(encoding), None
                except UnicodeDecodeError:
                    continue
            return None, "invalid_encoding"
        text = self.data.get("text", "")
        if len(text.encode()) > MAX_CSV_BYTES:
            return None, "csv_too_large"
        return (text, None) if text.strip() else (None, "csv_empty")
