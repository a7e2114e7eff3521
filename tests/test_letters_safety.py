"""Hostile input: nothing runs, nothing is fetched, nothing is read, nothing leaves the page."""

import base64
import http.server
import logging
import threading

import pytest
from weasyprint.urls import URLFetcher

from rights_guide.letters import InvalidLetterRequest, parse_letter_request, render_letter_pdf
from rights_guide.letters.pdf.fetcher import FetchRefused, LetterURLFetcher
from rights_guide.letters.pdf.render import static_dir
from rights_guide.reading import MAX_UNBROKEN_RUN
from tests.factories import NOW, TODAY, letter_data, make_pdf
from tests.pdfs import pdf_pages, pdf_text, squeezed, words_past_the_margins

PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII="
)


@pytest.fixture
def web_server():
    """A local HTTP server that records every request it gets (it should get none)."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b'body::before { content: "FETCHED-FROM-THE-NETWORK" }')

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_address[1], requests
    server.shutdown()


@pytest.fixture
def secret_file(tmp_path):
    """A local file outside static/ and var/fonts/ that a leak would print."""
    secret = tmp_path / "secret.css"
    secret.write_text('body::after { content: "LOCAL-FILE-LEAKED" }')
    return secret


def test_markup_in_every_field_prints_as_text_and_loads_nothing(web_server, secret_file, caplog):
    base, requests = web_server
    hostile = [
        "<img src=file:///etc/passwd>",
        '<link rel="stylesheet" href="%s/evil.css">' % base,
        "<style>@import url(%s/import.css); body{display:none}</style>" % base,
        "url(%s)" % secret_file.as_uri(),
        '<div style="background:url(%s/bg.png)">x</div>' % base,
        "</table></article><script>alert(1)</script>",
    ]
    data = letter_data(kind="lender", requests="\n".join(hostile))
    data["complainant"]["name"] = "<b>张三</b>"
    data["complainant"]["address"] = hostile[0]
    data["respondent"]["name"] = hostile[1]
    data["incidents"][0]["description"] = "\n".join(hostile)
    data["paragraphs"] = {"closing": hostile[2] + "\n" + hostile[4]}
    with caplog.at_level(logging.WARNING, logger="rights_guide.letters.pdf.fetcher"):
        pdf = make_pdf(data)
    text = squeezed(pdf_text(pdf))
    for snippet in hostile:
        assert squeezed(snippet) in text  # printed literally, as the borrower typed it
    assert "<b>张三</b>" in text
    assert requests == []
    assert "FETCHED-FROM-THE-NETWORK" not in text and "LOCAL-FILE-LEAKED" not in text
    refusals = [r for r in caplog.records if r.name == "rights_guide.letters.pdf.fetcher"]
    assert refusals == []  # escaped markup never even reaches the fetcher


def test_the_renderer_refuses_remote_and_local_resources_even_in_raw_html(
    web_server, secret_file, caplog
):
    base, requests = web_server
    raw = """<!doctype html><html lang="en"><head><title>x</title>
    <link rel="stylesheet" href="%(base)s/evil.css">
    <link rel="stylesheet" href="%(secret)s">
    <link rel="attachment" href="file:///etc/passwd">
    <style>@import url(%(base)s/import.css);
      @font-face { font-family: X; src: url(%(base)s/font.otf); }
      p { background: url(ftp://127.0.0.1/x.png); }</style></head>
    <body><p>visible</p><img src="file:///etc/passwd"><img src="%(base)s/pixel.png">
    <img src="data:text/html;base64,PHNjcmlwdD4="><iframe src="%(base)s/frame"></iframe>
    </body></html>""" % {"base": base, "secret": secret_file.as_uri()}
    with caplog.at_level(logging.WARNING, logger="rights_guide.letters.pdf.fetcher"):
        pdf = render_letter_pdf(raw)
    text = pdf_text(pdf)
    assert "visible" in text
    assert requests == []
    assert "FETCHED-FROM-THE-NETWORK" not in text and "LOCAL-FILE-LEAKED" not in text
    refused = " ".join(record.getMessage() for record in caplog.records)
    for url in (base + "/evil.css", secret_file.as_uri(), "file:///etc/passwd", "data:text/html"):
        assert url in refused


def test_the_fetcher_serves_only_files_inside_its_folders(tmp_path):
    inside = tmp_path / "static"
    inside.mkdir()
    (inside / "ok.css").write_text("p { color: red }")
    outside = tmp_path / "private.txt"
    outside.write_text("private")
    (inside / "link.css").symlink_to(outside)
    fetcher = LetterURLFetcher((inside,))
    assert isinstance(fetcher, URLFetcher)
    response = fetcher.fetch((inside / "ok.css").as_uri())
    assert response.read() == b"p { color: red }"
    assert response.content_type == "text/css"
    for url in (
        outside.as_uri(),
        (inside / "link.css").as_uri(),  # a symlink out of the folder
        (inside / ".." / "private.txt").as_uri(),
        "file://evil.example/etc/passwd",
        "http://127.0.0.1/ok.css",
        "https://example.org/x.png",
        "ftp://example.org/x",
        "javascript:alert(1)",
        "data:text/css;base64,cCB7fQ==",
        "data:image/png," + "x",
        "data:image/png;base64," + "A" * 100_000,
    ):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)


def test_the_fetcher_allows_small_embedded_images_and_our_static_files():
    fetcher = LetterURLFetcher((static_dir(),))
    image = "data:image/png;base64," + base64.b64encode(PNG_1X1).decode()
    assert fetcher.fetch(image).read() == PNG_1X1
    css = fetcher.fetch((static_dir() / "css" / "letter.css").as_uri())
    assert b".appendix__entry" in css.read()


LONGEST = "x" * MAX_UNBROKEN_RUN
LONG = {
    "latin": "W" * MAX_UNBROKEN_RUN,
    "url": ("https://example.org/" + "a1b2c3" * 20)[:MAX_UNBROKEN_RUN],
    "digits": "8" * MAX_UNBROKEN_RUN,
    "cjk_no_punctuation": "欠" * 2000,
}


@pytest.mark.parametrize("kind", sorted(LONG))
def test_the_longest_unbroken_strings_allowed_wrap_inside_the_page(kind):
    long = LONG[kind]
    lines = "\n".join([long] * 10)
    data = letter_data(kind="lender", requests=lines[:2000], paragraphs={"facts": lines[:5000]})
    data["complainant"]["name"] = long[:50]
    data["complainant"]["address"] = long[:200]
    data["respondent"]["name"] = long[:100]
    data["incidents"][0]["description"] = lines[:2000]
    pdf = make_pdf(data)
    assert words_past_the_margins(pdf) == []
    assert squeezed(pdf_text(pdf)).count(long[:40]) >= 4  # nothing was cut off or hidden


@pytest.mark.parametrize(
    ("field", "place"),
    [
        ("requests", lambda data, text: data.update(requests=text)),
        ("paragraphs.facts", lambda data, text: data.update(paragraphs={"facts": text})),
        (
            "incidents[0].description",
            lambda data, text: data["incidents"][0].update(description=text),
        ),
    ],
)
def test_a_longer_unbroken_string_is_refused_naming_the_field(field, place):
    data = letter_data(kind="lender")
    place(data, "看这里：" + "W" * (MAX_UNBROKEN_RUN + 1))
    with pytest.raises(InvalidLetterRequest) as refused:
        parse_letter_request(data, today=TODAY, now=NOW)
    assert [(e.field, e.code) for e in refused.value.errors] == [(field, "unbroken_run")]
    assert refused.value.errors[0].params["length"] == MAX_UNBROKEN_RUN + 1


def test_two_thousand_emoji_render_without_error_inside_the_page():
    emoji = "😀🙏👨‍👩‍👧💸🔥"
    data = letter_data(requests=(emoji * 400)[:2000])
    data["incidents"][0]["description"] = (emoji * 400)[:2000]
    pdf = make_pdf(data)
    assert pdf_pages(pdf) >= 2
    assert words_past_the_margins(pdf) == []
    assert "某某消费金融有限公司" in pdf_text(pdf)
