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
MEMBERS = [
    {"full_name": "Trần Thị Bích Ngọc", "date_of_birth": "1984-07-02", "sex": "female",
     "personal_id": "092184234562", "relationship_to_head": "Vợ"},
    {"full_name": "Nguyễn Trần Minh Khang", "date_of_birth": "2010-09-15", "sex": "male",
     "personal_id": "092210345673", "relationship_to_head": "Con"},
    {"full_name": "Nguyễn Trần Bảo Ngọc", "date_of_birth": "2014-01-20", "sex": "female",
     "personal_id": "092314456784", "relationship_to_head": "Con"},
]  # fmt: skip
VERIFIED = frozenset(
    {("full_name",), ("date_of_birth",), ("sex",), ("personal_id",), ("household_head_id",)}
)
CONTEXT = PdfContext("7QK2-M4ZP-9HXC", datetime(2026, 11, 25, 3, 30, tzinfo=UTC))


def _timed(steps: list[Callable[[], bytes]], runs: int) -> list[tuple[float, float, bytes]]:
    """(median ms, best ms, last result) per step; the steps alternate run by run, so a
    machine whose load changes meanwhile (a shared CI host) slows them alike."""
    results = [step() for step in steps]  # warm up: the first render builds the engine
    samples: list[list[float]] = [[] for _ in steps]
    for _ in range(runs):
        for index, step in enumerate(steps):
            start = time.perf_counter()
            results[index] = step()
            samples[index].append((time.perf_counter() - start) * 1000)
    return [
        (statistics.median(times), min(times), result)
        for times, result in zip(samples, results, strict=True)
    ]


def _standalone(html: str) -> str:
    """The same document for plain WeasyPrint: stylesheet inlined, fonts as file: URLs."""
    fonts = Path(str(files("formsvc.render").joinpath("fonts"))).as_uri()
    css = files("formsvc.render").joinpath("templates/application.css").read_text()
    css = css.replace(f"{ASSET_SCHEME}:fonts", fonts)
    return html.replace("</head>", f"<style>{css}</style></head>", 1)


def _document(path: Path) -> FormDocument:
    form_id, document = load_definition(path)
    return FormDocument(form_id, document, 1)


def _with_members(document: FormDocument) -> FormDocument:
    """CT01 with item 11, the table of household members changing with the declarant, as the
    printed form has it: the two-page CT01 of the target."""
    raw = dict(document.document)
    raw["properties"] = {
        **raw["properties"],
        "members": {
            "type": "array",
            "title": "Những thành viên trong hộ gia đình cùng thay đổi",
            "items": {"$ref": "urn:formsvc:component:household-member"},
        },
    }
    return FormDocument(document.form_id, raw, document.version)


def _compare(name: str, document: FormDocument, data: Mapping[str, Any], runs: int) -> None:
    standalone = _standalone(render_html(document, data, VERIFIED, CONTEXT))
    (ours, ours_best, pdf), (plain, plain_best, plain_pdf) = _timed(
        [
            lambda: html_to_pdf(render_html(document, data, VERIFIED, CONTEXT)),
            lambda: HTML(string=standalone).write_pdf(**_PDF_OPTIONS),
        ],
        runs,
    )
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"{name}: {ours:.1f} ms (best {ours_best:.1f}), {len(pdf) / 1024:.1f} KB, {pages} "
        f"page(s) | plain WeasyPrint {plain:.1f} ms (best {plain_best:.1f}), "
        f"{len(plain_pdf) / 1024:.1f} KB | overhead {ours / plain - 1:+.0%}"
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
    ct01 = _document(ROOT / "form_definitions" / "ct01.json")
    _compare("CT01 filled", ct01, CT01_ANSWERS, args.runs)
    members = {**CT01_ANSWERS, "members": MEMBERS}
    _compare("CT01 with its members table, filled", _with_members(ct01), members, args.runs)
    documents = [_document(path) for path in DEFINITIONS]
    largest = max(documents, key=lambda d: len(render_html(d, sample_data(d), frozenset())))
    _compare(f"largest ({largest.form_id}) filled", largest, sample_data(largest), args.runs)
    if args.batch:
        _batch(args.batch)


if __name__ == "__main__":
    main()
