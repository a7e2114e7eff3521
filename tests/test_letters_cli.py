"""``manage.py letter FILE -o OUT.pdf``: the PDF, or exit status 2 with the errors on stderr."""

import json
import subprocess
import sys
from pathlib import Path

from tests.factories import letter_data
from tests.pdfs import pdf_text, squeezed

ROOT = Path(__file__).resolve().parent.parent


def run(args, stdin=""):
    return subprocess.run(
        [sys.executable, "manage.py", "letter", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_writes_the_pdf_and_its_html(tmp_path):
    request = tmp_path / "request.json"
    request.write_text(json.dumps(letter_data(kind="pi_request"), ensure_ascii=False), "utf-8")
    out, html = tmp_path / "letter.pdf", tmp_path / "letter.html"
    result = run([str(request), "-o", str(out), "--html", str(html)])
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "个人信息权利行使申请书" in squeezed(pdf_text(out.read_bytes()))
    assert '<html lang="zh-Hans">' in html.read_text("utf-8")


def test_reads_standard_input(tmp_path):
    out = tmp_path / "letter.pdf"
    result = run(["-", "-o", str(out)], stdin=json.dumps(letter_data(language="en")))
    assert result.returncode == 0, result.stderr
    assert "Facts and reasons" in pdf_text(out.read_bytes())


def test_an_invalid_request_exits_2_with_the_errors_and_writes_nothing(tmp_path):
    out = tmp_path / "letter.pdf"
    data = letter_data()
    data["complainant"]["id_number"] = "123"
    data["incidents"][0]["target"] = "dog"
    result = run(["-", "-o", str(out), "--lang", "en"], stdin=json.dumps(data))
    assert result.returncode == 2
    errors = json.loads(result.stderr)["errors"]
    assert [e["field"] for e in errors] == ["complainant.id_number", "incidents[0].target"]
    assert errors[0]["message"].startswith("This is not a valid 18-digit ID number")
    assert not out.exists()


def test_malformed_json_exits_2(tmp_path):
    result = run(["-", "-o", str(tmp_path / "x.pdf")], stdin="{nope")
    assert result.returncode == 2
    assert json.loads(result.stderr)["errors"][0]["code"] == "invalid_json"
