"""PDF rendering: milliseconds and bytes per filled application, overhead over plain
WeasyPrint, and PDFs per second for a batch on one core and on all cores.

Run: .venv/bin/python bench/pdf.py [--runs N] [--batch N]. The batch uses a throwaway SQLite
database seeded like the demo, filled with copies of one CT01 submission, and the real
``formsvc pdf render`` code path (spawned worker processes, cache table writes).

"Plain WeasyPrint" renders the very same HTML, with the stylesheet inlined and the fonts
given as file: URLs, by ``HTML(string=...).write_pdf()`` with the same PDF options: what a
renderer without a shared font configuration, compiled stylesheet and fetcher would pay.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from sqlalchemy import delete, select
from weasyprint import HTML

from formsvc import create_app
from formsvc.accounts import Account
from formsvc.db import session_scope
from formsvc.demo import prepare
from formsvc.render.batch import render_missing
from formsvc.render.cache import SubmissionPdf
from formsvc.render.fetcher import ASSET_SCHEME
from formsvc.render.pdf import _PDF_OPTIONS, PdfContext, html_to_pdf, render_html
from formsvc.schemas import FormDocument, latest_version, load_definition
from formsvc.submissions import create_submission

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.render.samples import DEFINITIONS, sample_data  # noqa: E402

CT01_ANSWERS = {
    "recipient": "Công an phường Ninh Kiều",
    "full_name": "Nguyễn Văn An",
    "date_of_birth": "1980-03-14",
    "sex": "male",
    "personal_id": "092080123451",
    "phone": "0912345678",
    "email": "an.nguyen@example.vn",
    "household_head_name": "Nguyễn Văn An",
    "relationship_to_head": "Chủ hộ",
    "household_head_id": "092080123451",
    "request": "Đăng ký tạm trú cho con tại Phường Tân An, thành phố Cần Thơ",
}
VERIFIED = frozenset(
    {("full_name",), ("date_of_birth",), ("sex",), ("personal_id",), ("household_head_id",)}
)
CONTEXT = PdfContext("7QK2-M4ZP-9HXC", datetime(2026, 11, 25, 3, 30, tzinfo=UTC))


def _median_ms(step: Callable[[], bytes], runs: int) -> tuple[float, bytes]:
    result = step()  # warm up: the first render builds the font configuration
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = step()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), result


def _standalone(html: str) -> str:
    """The same document for plain WeasyPrint: stylesheet inlined, fonts as file: URLs."""
    fonts = Path(str(files("formsvc.render").joinpath("fonts"))).as_uri()
    css = files("formsvc.render").joinpath("templates/application.css").read_text()
    css = css.replace(f"{ASSET_SCHEME}:fonts", fonts)
    return html.replace("</head>", f"<style>{css}</style></head>", 1)


def _document(path: Path) -> FormDocument:
    form_id, document = load_definition(path)
    return FormDocument(form_id, document, 1)


def _compare(name: str, document: FormDocument, data: Mapping[str, Any], runs: int) -> None:
    html = render_html(document, data, VERIFIED, CONTEXT)
    ours, pdf = _median_ms(
        lambda: html_to_pdf(render_html(document, data, VERIFIED, CONTEXT)), runs
    )
    standalone = _standalone(html)
    plain, plain_pdf = _median_ms(lambda: HTML(string=standalone).write_pdf(**_PDF_OPTIONS), runs)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"{name}: {ours:.1f} ms, {len(pdf) / 1024:.1f} KB, {pages} page(s) | plain WeasyPrint "
        f"{plain:.1f} ms, {len(plain_pdf) / 1024:.1f} KB | overhead {ours / plain - 1:+.0%}"
    )


def _batch(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
                "SECRET_KEY": "bench",
                "FORM_DEFINITIONS_DIR": str(ROOT / "form_definitions"),
            }
        )
        accounts, _ = prepare(app)
        with session_scope(app) as session:
            version = latest_version(session, "ct01")
            account = session.scalars(
                select(Account).where(Account.username == accounts[0].username)
            ).one()
            assert version is not None
            for _ in range(count):
                create_submission(session, version, account.id, CT01_ANSWERS, {})
        cores = multiprocessing.cpu_count()
        for processes in sorted({1, cores}):
            with session_scope(app) as session:
                session.execute(delete(SubmissionPdf))
            start = time.perf_counter()
            rendered, used = render_missing(app, None, processes)
            seconds = time.perf_counter() - start
            print(
                f"batch of {rendered} CT01 PDFs on {used} process(es): {seconds:.1f} s, "
                f"{rendered / seconds:.1f} PDFs/s (worker start-up included)"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    _compare(
        "CT01 filled", _document(ROOT / "form_definitions" / "ct01.json"), CT01_ANSWERS, args.runs
    )
    documents = [_document(path) for path in DEFINITIONS]
    largest = max(documents, key=lambda d: len(render_html(d, sample_data(d), frozenset())))
    _compare(f"largest ({largest.form_id}) filled", largest, sample_data(largest), args.runs)
    if args.batch:
        _batch(args.batch)


if __name__ == "__main__":
    main()
