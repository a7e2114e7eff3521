"""Every error message: codes from the readers become sentences here, and pages summarise them.

The readers (rights_guide.reading) are Django-free and speak in codes; this
is the one place where a code becomes a sentence, so the API, the command
line and the pages say the same thing in the reader's language. A page
that has errors shows ``error_summary`` at its top: every problem, linked
to its field (after a failed submit on a phone the first wrong field is
often below the fold; the form posts to ``#error-summary`` so the browser
lands on it even without JavaScript).
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext, gettext_noop, pgettext
from django.utils.translation import gettext_lazy as _

from rights_guide.reading import FieldError

# Django's own message for a NUL character in a form field, which Django's Chinese
# catalogue garbles ("不允许是用空字符串。"): marked here so that our catalogue, read
# before Django's, keeps our words for it.
NULL_CHARACTER = gettext_noop("Null characters are not allowed.")

MESSAGES = {
    "required": _("This field is required."),
    "not_object": _("This must be a JSON object."),
    "not_list": _("This must be a list."),
    "not_boolean": _("This must be true or false."),
    "not_integer": _("This must be a whole number."),
    "not_number": _("This must be a number."),
    "not_string": _("This must be text."),
    "out_of_range": _("This must be between %(min)s and %(max)s."),
    "invalid_choice": _("“%(value)s” is not one of the allowed values: %(allowed)s."),
    "invalid_date": _("Enter a real date as YYYY-MM-DD, for example 2026-03-15."),
    "invalid_datetime": _(
        "Enter a date and time as YYYY-MM-DDTHH:MM, for example 2026-03-15T21:30."
    ),
    "invalid_time": _("Enter a time as HH:MM on the 24-hour clock, for example 21:30."),
    "date_in_future": _("This date is in the future. Enter the day it happened."),
    "date_too_early": _("Dates before %(earliest)s are not covered."),
    "too_many": _("At most %(max)s items are allowed."),
    "too_long": _("At most %(max)s characters are allowed."),
    # An empty required text says what an unanswered question says: one wording.
    "too_short": _("This field is required."),
    "unknown_field": _("This field is not part of the request. Check its spelling."),
    "body_too_large": _("The request body is larger than the limit of %(max)s bytes."),
    "invalid_json": _("The request body must be JSON sent as application/json."),
    "method_not_allowed": _("Only POST is allowed here."),
    "invalid_encoding": _("The request body must be UTF-8."),
    "invalid_phone": _("Enter an 11-digit mainland mobile number, for example 13812345678."),
    "invalid_id_number": _(
        "This is not a valid 18-digit ID number: check the digits and the last character."
    ),
    "invalid_characters": _(
        "Character %(position)s is an invisible or control character (%(character)s) that cannot be printed. Delete it and type the text again if needed."
    ),
    "emoji": _(
        "Character %(position)s is an emoji (%(character)s), which a printed letter cannot show. Delete it."
    ),
    "too_many_lines": _("At most %(max)s lines are allowed here. Join some lines together."),
    "unbroken_run": _(
        "This has a run of %(length)s characters without a space. At most %(max)s are allowed: add spaces or shorten it."
    ),
    "text_too_long_total": _(
        "Together the descriptions have %(length)s characters; a letter can hold at most %(max)s. Shorten some of them."
    ),
    "too_many_lines_total": _(
        "Together the descriptions have %(lines)s line breaks; a letter can hold at most %(max)s. Join some lines together."
    ),
    "too_many_files_total": _(
        "Together the incidents list %(count)s evidence files; a letter can hold at most %(max)s."
    ),
    "too_many_marks_total": _(
        "Together the incidents mark %(count)s tactics and kinds of evidence; a letter can hold at most %(max)s."
    ),
    "callers_too_long_total": _(
        "Together the callers' numbers and names have %(length)s characters; a letter can hold at most %(max)s."
    ),
    "log_marks_full": _(
        "The log cannot hold more marks: the tactics and kinds of evidence of all contacts together can be at most %(max)s."
    ),
    "log_callers_full": _(
        "The log cannot hold more callers: their numbers and names together can be at most %(max)s characters."
    ),
    "invalid_fingerprint": _(
        "A SHA-256 fingerprint is 64 characters, each 0–9 or a–f. Leave it empty if you do not have one."
    ),
    "log_full": _(
        "The log is full: it can hold at most %(max)s contacts. Delete some, or keep a second log in a spreadsheet."
    ),
    "log_text_full": _(
        "The log cannot hold more text: what was said, in all contacts together, can be at most %(max)s characters. Shorten some descriptions."
    ),
    "log_lines_full": _(
        "The log cannot hold more lines: the descriptions together can have at most %(max)s line breaks. Join some lines together."
    ),
    "log_files_full": _("The log can list at most %(max)s evidence files in all."),
    "csv_too_large": _("The file is larger than %(max)s bytes. Split it into smaller files."),
    "csv_empty": _(
        "The file is empty: it needs a header row naming the columns, then one row per contact."
    ),
    "csv_unreadable": _(
        "The file cannot be read from this line on: a line break may be missing or out of place. Save it again as CSV, or paste the rows as text."
    ),
    "csv_unknown_column": _(
        "This column is not one of the log's columns, so it was left out. Check its spelling."
    ),
    "csv_not_text": _(
        "This file is not a spreadsheet saved as CSV text: it may be an Excel (.xlsx) file or a picture. In your spreadsheet choose Save as, pick CSV, then choose the saved file here."
    ),
    "csv_no_header": _(
        "The first row must name the columns (date, time, target, channel…), but it holds a contact. Download the empty spreadsheet and paste your rows under its first row."
    ),
    "csv_unclosed_quote": _(
        "A quotation mark opened in this row is never closed, so this row and every row after it would run together into one cell. Nothing from this row on was added: close or remove the quotation mark and import these rows again."
    ),
    "csv_missing_column": _(
        "This column is missing from the header row, and every contact needs it."
    ),
    "conflicts_with_lender_type": _(
        "This contradicts the kind of lender chosen: banks, consumer-finance and microloan companies are licensed, and an individual lender is not."
    ),
    "not_for_lender_type": _(
        "This does not fit the kind of lender chosen: only a bank issues credit cards. Choose a loan, or leave it out."
    ),
    "contract_after_conduct": _(
        "The loan contract must have been made on or before the day of the collection."
    ),
    "group_differs": _(
        "Contacts answered together must be about the same person, with the same answers."
    ),
    "exceeds_times_per_day": _(
        "At most %(max)s: no more calls can have been answered than were made."
    ),
    "kind_not_available_for_lender_type": _(
        "This letter does not fit this kind of lender: no complaint desk or regulator answers for an individual lender. Choose the police statement or the personal-information request."
    ),
    "only_for_third_party": _(
        "This is only for someone called about another person's debt: send it with perspective third_party, or leave it out."
    ),
    "kind_not_available_for_perspective": _(
        "This letter is written by someone else: the borrower's letters need a borrower's story, and the letter from someone called about another person's debt needs perspective third_party."
    ),
    "kind_not_available_for_relationship": _(
        "This letter is not for a guarantor, who may be asked to pay within the guarantee. Ask to be contacted in writing instead."
    ),
    "not_for_kind": _(
        "This belongs to another letter (%(kind)s): leave it out, or choose that letter."
    ),
    "phone_required": _(
        "Enter the mobile number they called: this letter asks them to delete it, so it must name it."
    ),
    "hours_order": _("The latest time must be later than the earliest time."),
    "hours_outside": _(
        "Choose a time from %(earliest)s to %(latest)s. The letter never allows contact at night: from %(latest)s to %(earliest)s stays protected."
    ),
    "date_too_late": _("Choose a date no later than %(latest)s."),
    "date_in_past": _("This date has passed. Choose today (%(earliest)s) or a later date."),
    "not_amount": _(
        "Type the amount in digits, for example 800 or 1200.50, without letters or exponents."
    ),
    "too_many_decimals": _(
        "At most %(places)s digits after the decimal point: amounts are in yuan and fen."
    ),
    "renderer_busy": _(
        "Many letters are being made right now. Please try again in %(seconds)s seconds."
    ),
    "service_unavailable": _(
        "The service is briefly unavailable. Please try again in %(seconds)s seconds."
    ),
    "server_error": _("Something went wrong on our side. Please try again later."),
    "bad_request": _("The request could not be read. Send UTF-8 text or JSON."),
    "rate_limited": _(
        "Too many letters were made from this connection. Try again in %(seconds)s seconds."
    ),
}


def error_message(error: FieldError) -> str:
    template = MESSAGES.get(error.code, MESSAGES["required"])
    return str(template) % dict(error.params) if error.params else str(template)


def errors_payload(errors: list[FieldError]) -> dict:
    return {
        "errors": [{"field": e.field, "message": error_message(e), "code": e.code} for e in errors]
    }


# A label that ends a question or a sentence, or has its own colon, takes no colon after it.
SENTENCE_ENDS = frozenset("？?。.！!：:")


def labelled(label: str, message: str) -> str:
    """A summary line: 您的姓名：此项必填。, but a question or a sentence runs straight on (…吗？此项必填。)."""
    if not label:
        return str(message)
    values = {"label": label, "message": message}
    if label.rstrip()[-1:] in SENTENCE_ENDS:
        return pgettext("error after a question", "%(label)s %(message)s") % values
    return gettext("%(label)s: %(message)s") % values


def error_summary(bound_forms: Iterable[forms.Form], other: Iterable[str] = ()) -> list[dict]:
    """``[{"target": "id_field" or None, "label", "message", "text": both as one line}]``."""
    items: list[dict] = []
    for form in bound_forms:
        if not form.is_bound:
            continue
        first = next(iter(form.fields), None)
        for message in form.non_field_errors():  # about the whole form: link to its start
            target = form[first].id_for_label or form[first].auto_id if first else None
            items.append({"target": target, "label": "", "message": message, "text": message})
        for name, field in form.fields.items():
            for message in form.errors.get(name, []):
                items.append(
                    {
                        "target": form[name].id_for_label or form[name].auto_id,
                        "label": str(field.label or ""),
                        "message": message,
                        "text": labelled(str(field.label or ""), message),
                    }
                )
    items.extend(
        {"target": None, "label": "", "message": message, "text": message} for message in other
    )
    return items
