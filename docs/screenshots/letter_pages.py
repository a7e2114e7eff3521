"""Redraw docs/screenshots/letter-<kind>-1.png: the first page of each kind of letter.

    .venv/bin/python docs/screenshots/letter_pages.py

One story (a consumer-finance lender's collectors phoned the borrower at
night, told her family and phone contacts, insulted and threatened her and
sent a doctored photo), rendered through the same code as the site and
rasterised with pdftoppm at 70 dpi, so a reader can check the Chinese
typography without opening a PDF.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rights_guide.settings")

import django  # noqa: E402

django.setup()

from rights_guide.letters import (  # noqa: E402
    build_letter,
    parse_letter_request,
    render_letter_html,
    render_letter_pdf,
)

TODAY = datetime.date(2026, 4, 20)
STORY = {
    "language": "zh-hans",
    "assessment": {
        "lender_type": "consumer_finance",
        "conduct_date": "2026-04-02",
        "events": [
            {"target": "borrower", "channel": "call", "times_per_day": 9, "at_night": True},
            {
                "target": "family",
                "channel": "call",
                "times_per_day": 3,
                "disclosed_debt": True,
                "asked_to_pay": True,
            },
            {
                "target": "contacts_list",
                "channel": "sms",
                "times_per_day": 40,
                "disclosed_debt": True,
            },
        ],
        "tactics": ["insults", "threat_violence", "doctored_images"],
    },
    "complainant": {
        "name": "王䶮𠮷",
        "phone": "13812345678",
        "address": "上海市浦东新区世纪大道100号1栋1201室（建筑面积60㎡）",
    },
    "respondent": {"name": "某某消费金融有限公司"},
    "incidents": [
        {
            "when": "2026-04-01T22:40",
            "target": "borrower",
            "channel": "call",
            "description": "催收员深夜连续打来9个电话，辱骂我是“老赖”。",
        },
        {
            "when": "2026-04-02T10:15",
            "target": "family",
            "channel": "call",
            "description": "打电话给我母亲，告诉她我欠钱，要她替我还款。",
        },
        {
            "when": "2026-04-02T15:00",
            "target": "contacts_list",
            "channel": "sms",
            "description": "向我通讯录里的人群发短信，附上P过的我的照片。",
        },
    ],
}


def main() -> None:
    out = ROOT / "docs" / "screenshots"
    for kind in ("lender", "regulator", "police", "pi_request"):
        request = parse_letter_request(dict(STORY, kind=kind), today=TODAY)
        letter = build_letter(request, today=TODAY)
        pdf = render_letter_pdf(render_letter_html(letter, language=letter.language, for_pdf=True))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "letter.pdf"
            path.write_bytes(pdf)
            prefix = out / ("letter-%s-1" % kind)
            subprocess.run(
                ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", path, prefix],
                check=True,
            )
        print("%s.png" % prefix.name)


if __name__ == "__main__":
    main()
