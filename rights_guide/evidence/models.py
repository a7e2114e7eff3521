"""The evidence log's rows: one per incident, belonging to the visitor's case.

Each incident is a row that points at its case with ``on_delete=CASCADE``:
"start again", "delete everything" and expiry delete the case, and the
log goes with it, however long it is. Rows are read back as the plain
``Incident`` of ``evidence.record`` (what the pages, the engine and the
letters use); the date and the time of day are kept apart, in local time,
so a page of one day is one indexed range.
"""

from __future__ import annotations

import datetime

from django.db import models

from rights_guide.cases.models import Case
from rights_guide.evidence.record import EvidenceFile, Incident

# The columns read back into an Incident, in this order (see ``as_incident``).
COLUMNS = (
    "pk",
    "day",
    "time",
    "target",
    "channel",
    "description",
    "caller",
    "disclosed_debt",
    "asked_to_pay",
    "after_stop_request",
    "tactics",
    "evidence",
    "files",
)


class LoggedIncident(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="incidents")
    day = models.DateField()
    time = models.TimeField()
    target = models.CharField(max_length=32)
    channel = models.CharField(max_length=32)
    description = models.TextField(blank=True)
    caller = models.CharField(max_length=64, blank=True)
    disclosed_debt = models.BooleanField(default=False)
    asked_to_pay = models.BooleanField(default=False)
    after_stop_request = models.BooleanField(default=False)
    tactics = models.JSONField(default=list)  # codes
    evidence = models.JSONField(default=list)  # codes of evidence.record.EVIDENCE_KINDS
    files = models.JSONField(default=list)  # evidence.record.file_to_data() of each file
    created_at = models.DateTimeField()

    class Meta:
        app_label = "rights_guide"
        indexes = (models.Index(fields=["case", "day", "time"], name="incident_case_day_time"),)

    def __str__(self) -> str:
        return "incident of %s" % self.day.isoformat()

    @staticmethod
    def fields_of(incident: Incident) -> dict:
        """The columns that store an incident (everything but its case and creation time)."""
        return {
            "day": incident.when.date(),
            "time": incident.when.time(),
            "target": incident.target,
            "channel": incident.channel,
            "description": incident.description,
            "caller": incident.caller,
            "disclosed_debt": "disclosed_debt" in incident.flags,
            "asked_to_pay": "asked_to_pay" in incident.flags,
            "after_stop_request": "after_stop_request" in incident.flags,
            "tactics": sorted(incident.tactics),
            "evidence": sorted(incident.evidence),
            "files": [_file_data(file) for file in incident.files],
        }


def _file_data(file: EvidenceFile) -> dict:
    return {
        "name": file.name,
        "size": file.size,
        "date": file.date.isoformat() if file.date else None,
        "sha256": file.sha256,
    }


def as_incident(row: tuple) -> tuple[int, Incident]:
    """A row of ``values_list(*COLUMNS)`` as its key and an Incident (no model instances)."""
    (pk, day, time, target, channel, description, caller, disclosed, asked, after, tactics) = row[
        :11
    ]
    evidence, files = row[11], row[12]
    flags = frozenset(
        flag
        for flag, value in (
            ("disclosed_debt", disclosed),
            ("asked_to_pay", asked),
            ("after_stop_request", after),
        )
        if value
    )
    return pk, Incident(
        when=datetime.datetime.combine(day, time),
        target=target,
        channel=channel,
        description=description,
        caller=caller,
        flags=flags,
        tactics=frozenset(tactics),
        evidence=frozenset(evidence),
        files=tuple(
            EvidenceFile(
                file["name"],
                file.get("size"),
                datetime.date.fromisoformat(file["date"]) if file.get("date") else None,
                file.get("sha256") or "",
            )
            for file in files
        ),
    )
