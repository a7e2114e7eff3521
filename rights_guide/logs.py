"""Keep personal data out of the logs.

Answers, names and phone numbers travel only in POST bodies, never in URLs,
but a mistyped link or a scanner can still put data in a query string. The
filter below drops query strings from every logged request line and from
log arguments, so a log file never holds more than the path.
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
