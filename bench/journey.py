"""Median server time of the CT01 journey, in process: form page, submit, PDF.

Run: .venv/bin/python bench/journey.py [--runs N]. Uses a throwaway SQLite database (or
FORMSVC_DATABASE_URL) seeded like the demo. Prints one line per step.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from pathlib import Path

from timing import median_ms  # bench/timing.py, beside this script

from formsvc import create_app
from formsvc.demo import prepare

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = {
    "recipient": "Công an phường Ninh Kiều",
    "phone": "0912345678",
    "request": "Đăng ký tạm trú",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("FORMSVC_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
        app = create_app(
            {
                "DATABASE_URL": url,
                "SECRET_KEY": "bench",
                "FORM_DEFINITIONS_DIR": str(ROOT / "form_definitions"),
            }
        )
        accounts, _ = prepare(app)
        client = app.test_client()
        token = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
        page = client.get("/signin").text
        client.post(
            "/signin",
            data={
                "csrf_token": token.findall(page)[0],
                "username": accounts[0].username,
                "password": accounts[0].password,
            },
        )
        consent = client.get("/forms/ct01/consent").text  # agree to prefill once, as a citizen does
        client.post(
            "/forms/ct01/consent",
            data={"csrf_token": token.findall(consent)[0], "agree": "y", "accept": "1"},
        )
        form_page = client.get("/forms/ct01").text
        csrf = token.findall(form_page)[0]
        receipts: list[str] = []

        def fill() -> None:
            response = client.post("/forms/ct01", data={"csrf_token": csrf, **ANSWERS})
            assert response.status_code == 303, response.status_code

        def confirm() -> None:
            review = client.get("/forms/ct01/review").text
            draft = re.search(r'name="token" type="hidden" value="([^"]+)"', review)
            assert draft is not None
            data = {"csrf_token": csrf, "token": draft.group(1)}
            response = client.post("/forms/ct01/review", data=data)
            assert response.status_code == 303, response.status_code
            receipts.append(response.headers["Location"])

        def submit() -> None:
            fill()
            confirm()

        def pdf() -> None:
            response = client.get(receipts[0] + "/application.pdf")
            assert response.status_code == 200 and response.mimetype == "application/pdf"

        form_ms = median_ms(lambda: client.get("/forms/ct01"), runs)
        fill_ms = median_ms(fill, runs)
        submit_ms = median_ms(submit, runs)
        pdf_ms = median_ms(pdf, max(runs // 10, 5))
    print(f"GET /forms/ct01 (prefilled, signed in):   median {form_ms:.2f} ms over {runs} runs")
    print(f"POST /forms/ct01 (coerce + validate):     median {fill_ms:.2f} ms over {runs} runs")
    print(f"fill + check answers + confirm (stored):  median {submit_ms:.2f} ms over {runs} runs")
    print(f"GET application.pdf:                      median {pdf_ms:.2f} ms")


if __name__ == "__main__":
    main()
