"""Keep personal data out of the logs, and expected trouble out of ERROR.

Answers, names and phone numbers travel only in POST bodies, never in URLs,
but a mistyped link or a scanner can still put data in a query string. The
filter below drops query strings from every logged request line and from
log arguments, so a log file never holds more than the path (gunicorn's
access log has its own format, in rights_guide.gunicorn_conf).

ERROR is for what an operator must look at. A client's mistake (a 4xx, a
body too large, too many fields) and an expected 503 (the renderer busy,
the database briefly away, the health check failing) are logged as one
WARNING line without a traceback, so alerts on ERROR do not fire on load
spikes or scanners.
"""

import logging
import re

QUERY_STRING = re.compile(r"\?[^\s\"']*")


def scrub(value: object) -> object:
    if isinstance(value, str):
        return QUERY_STRING.sub("?…", value)
    return value


class ScrubPersonalData(logging.Filter):
    """Remove query strings from log messages and their arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(scrub(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: scrub(arg) for key, arg in record.args.items()}
        return True


class WithoutTraceback(logging.Filter):
    """Log the message alone: for expected noise such as a bad Host header from a scanner."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


EXPECTED_SERVER_STATUS = frozenset({503})


class ExpectedAsWarning(logging.Filter):
    """Client errors, suspicious requests and expected 503s: one WARNING line."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        expected = record.name.startswith("django.security.") or (
            isinstance(status, int) and (400 <= status < 500 or status in EXPECTED_SERVER_STATUS)
        )
        if expected and record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            WithoutTraceback().filter(record)
        return True
