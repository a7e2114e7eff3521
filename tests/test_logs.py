"""Request logs never carry query strings, where personal data could hide."""

import contextlib
import datetime
import io
import logging
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client
from gunicorn.config import Config
from gunicorn.glogging import Logger

from rights_guide import gunicorn_conf
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


# What the console log shows (issue 20 item 7a, D11): expected trouble is one
# WARNING line, a real failure an ERROR with its traceback, and gunicorn's
# access log keeps paths without their query strings.


@contextlib.contextmanager
def console_log():
    """What the app's console handler writes while the block runs."""
    handler = logging.getLogger("django.request").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


def _database_away(execute, sql, params, many, context):
    raise OperationalError("could not connect to server")


def _bug(execute, sql, params, many, context):
    raise RuntimeError("a bug")


@pytest.mark.django_db
def test_a_database_outage_is_one_warning_line_not_an_error_with_a_traceback():
    client = Client(raise_request_exception=False)
    with console_log() as log, connection.execute_wrapper(_database_away):
        assert client.get("/guide/search/?q=%E5%BC%A0%E4%B8%89").status_code == 503
    lines = log.getvalue().splitlines()
    assert [line.split()[2] for line in lines] == ["WARNING"]
    assert "Traceback" not in log.getvalue() and "张三" not in log.getvalue()


@pytest.mark.django_db
def test_too_many_fields_is_one_warning_line():
    client = Client(raise_request_exception=False)
    fields = "&".join("f%d=1" % n for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    with console_log() as log:
        response = client.post(
            "/interview/lender/", fields, content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code == 400
    assert [line.split()[2] for line in log.getvalue().splitlines()] == ["WARNING"]
    assert "Traceback" not in log.getvalue()


@pytest.mark.django_db
def test_a_real_failure_is_still_an_error_with_its_traceback():
    client = Client(raise_request_exception=False)
    with console_log() as log, connection.execute_wrapper(_bug):
        assert client.get("/guide/search/?q=家人").status_code == 500
    assert " ERROR django.request " in log.getvalue() and "Traceback" in log.getvalue()


def test_gunicorn_access_log_keeps_the_path_without_the_query_string():
    config = Config()
    config.set("access_log_format", gunicorn_conf.access_log_format)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/guide/search/?q=%E5%BC%A0%E4%B8%89",
        "PATH_INFO": "/guide/search/",
        "QUERY_STRING": "q=%E5%BC%A0%E4%B8%89",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "https://example.org/guide/search/?q=13800138000",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[])
    took = datetime.timedelta(milliseconds=12)
    line = gunicorn_conf.access_log_format % Logger(config).atoms(response, request, environ, took)
    assert '"GET /guide/search/ HTTP/1.1" 200' in line
    assert "q=" not in line and "%E5" not in line and "13800138000" not in line
