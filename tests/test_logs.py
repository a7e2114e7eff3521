"""Request logs never carry query strings, where personal data could hide."""

import logging

from rights_guide.logs import ScrubPersonalData


def test_query_strings_are_removed_from_messages_and_arguments():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /en/?name=张三&phone=13800138000 HTTP/1.1", "200", "512"),
        None,
    )
    ScrubPersonalData().filter(record)
    message = record.getMessage()
    assert "13800138000" not in message and "张三" not in message
    assert "/en/?…" in message
