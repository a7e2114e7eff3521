"""The error summary every form page shows at its top, with a link to each field.

After a failed submit on a phone the first wrong field is often below the
fold; the summary sits where the page starts (and the form posts to
``#error-summary`` so the browser lands on it without JavaScript). Each
entry names the field and links to it, in the order the fields appear.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms


def error_summary(bound_forms: Iterable[forms.Form], other: Iterable[str] = ()) -> list[dict]:
    """``[{"target": "id_field" or None, "label": …, "message": …}]`` for a page's errors."""
    items: list[dict] = []
    for form in bound_forms:
        if not form.is_bound:
            continue
        first = next(iter(form.fields), None)
        for message in form.non_field_errors():  # about the whole form: link to its start
            target = form[first].id_for_label or form[first].auto_id if first else None
            items.append({"target": target, "label": "", "message": message})
        for name, field in form.fields.items():
            for message in form.errors.get(name, []):
                items.append(
                    {
                        "target": form[name].id_for_label or form[name].auto_id,
                        "label": str(field.label or ""),
                        "message": message,
                    }
                )
    items.extend({"target": None, "label": "", "message": message} for message in other)
    return items
