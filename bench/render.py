"""How much the generated form costs: page build time, and requests per second.

1. Median server time to build the prefilled form page (form object + the same Jinja
   template), for CT01 and the largest catalogue form, with the class generated from the
   schema next to a hand-written WTForms class of the same fields (CT01: written below; the
   largest form: its source generated once, then compiled like hand-written code).
2. Requests per second for GET /forms/ct01 as a signed-in citizen, under gunicorn with two
   workers on loopback.

Run: .venv/bin/python bench/render.py [--runs N] [--seconds S]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, render_template
from flask_wtf import FlaskForm
from timing import median_ms  # bench/timing.py, beside this script
from wtforms import EmailField, RadioField, StringField, TelField, TextAreaField

from formsvc import create_app
from formsvc.demo import prepare
from formsvc.render import defaults, form_class, nest
from formsvc.render.fields import DayMonthYearField
from formsvc.schemas import CompiledForm, compiled, latest_version, latest_versions

ROOT = Path(__file__).resolve().parent.parent

CT01_PREFILL = {
    ("full_name",): "Nguyễn Văn An",
    ("date_of_birth",): "1980-03-14",
    ("sex",): "male",
    ("personal_id",): "092080123451",
    ("phone",): "0912345678",
    ("email",): "nguyenvanan@example.vn",
    ("household_head_name",): "Nguyễn Văn An",
    ("relationship_to_head",): "Chủ hộ",
    ("household_head_id",): "092080123451",
}


class HandWrittenCt01(FlaskForm):
    """What a developer would write for CT01 without the generator."""

    recipient = StringField("Kính gửi", render_kw={"maxlength": 200, "aria-required": "true"})
    full_name = StringField("Họ, chữ đệm và tên", render_kw={"readonly": True})
    date_of_birth = DayMonthYearField("Ngày, tháng, năm sinh", render_kw={"readonly": True})
    sex = RadioField(
        "Giới tính", choices=[("male", "Nam"), ("female", "Nữ")], validate_choice=False
    )
    personal_id = StringField("Số định danh cá nhân", render_kw={"readonly": True})
    phone = TelField("Số điện thoại liên hệ")
    email = EmailField("Email")
    household_head_name = StringField("Họ, chữ đệm và tên chủ hộ", render_kw={"readonly": True})
    relationship_to_head = StringField("Mối quan hệ với chủ hộ", render_kw={"readonly": True})
    household_head_id = StringField("Số định danh cá nhân của chủ hộ", render_kw={"readonly": True})
    request = TextAreaField("Nội dung đề nghị", render_kw={"maxlength": 2000})


def _static_copy(generated: type[FlaskForm]) -> type[FlaskForm]:
    """The generated class written out as a plain class statement, as a person would."""
    fields = {
        name: unbound
        for name, unbound in vars(generated).items()
        if hasattr(unbound, "field_class")
    }
    return type(f"Static{generated.__name__}", (FlaskForm,), dict(fields))


def _page_builder(
    app: Flask, form: CompiledForm, cls: type[FlaskForm], data: dict[str, Any]
) -> Callable[[], str]:
    def build() -> str:
        wtform = cls(data=data)
        return render_template(
            "form.html", document=form.document, form=wtform, prefilled={}, errors=[], notice=None
        )

    return build


def build_times(app: Flask, runs: int) -> None:
    with app.app_context():
        versions = latest_versions(app.extensions["formsvc.sessionmaker"]())
        forms = {v.form_id: compiled(v) for v in versions}
    largest = max(forms.values(), key=lambda f: sum(1 for _ in f.document.root.walk()))
    cases = [("ct01", forms["ct01"], HandWrittenCt01)]
    if largest.document.form_id != "ct01":
        cases.append((largest.document.form_id, largest, _static_copy(form_class(largest))))
    print(f"prefilled form page build, median of {runs} runs (ms):")
    with app.test_request_context("/"):
        for name, form, written in cases:
            data = {**defaults(form.document.root), **nest(CT01_PREFILL if name == "ct01" else {})}
            generated = median_ms(_page_builder(app, form, form_class(form), data), runs)
            static = median_ms(_page_builder(app, form, written, data), runs)
            ratio = generated / static
            print(
                f"  {name:<16} generated {generated:6.3f}  hand-written {static:6.3f}  x{ratio:.2f}"
            )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def requests_per_second(instance: str, seconds: float, threads: int) -> None:
    port = _free_port()
    env = {**os.environ, "FORMSVC_INSTANCE_PATH": instance}
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}"),
            *("--log-level", "warning", "formsvc:create_app()"),
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{base}/signin").read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        assert token
        body = urllib.parse.urlencode(
            {"csrf_token": token.group(1), "username": "092080123451", "password": "demo1234"}
        ).encode()
        opener.open(f"{base}/signin", data=body).read()
        consent = opener.open(f"{base}/forms/ct01/consent").read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', consent)
        assert token
        agree = {"csrf_token": token.group(1), "agree": "y", "accept": "1"}
        opener.open(f"{base}/forms/ct01/consent", data=urllib.parse.urlencode(agree).encode())
        counts = [0] * threads
        deadline = time.perf_counter() + seconds

        def hammer(index: int) -> None:
            while time.perf_counter() < deadline:
                with opener.open(f"{base}/forms/ct01") as response:
                    response.read()
                    assert response.status == 200
                counts[index] += 1

        workers = [threading.Thread(target=hammer, args=(i,)) for i in range(threads)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.perf_counter() - started
        print(
            f"GET /forms/ct01 signed in, gunicorn -w 2, {threads} client threads: "
            f"{sum(counts) / elapsed:.0f} requests/s ({sum(counts)} in {elapsed:.1f} s)"
        )
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=8)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as instance:
        os.environ["FORMSVC_INSTANCE_PATH"] = instance
        app = create_app()
        app.config["SERVER_NAME"] = "localhost"
        prepare(app)
        with app.app_context():
            assert latest_version(app.extensions["formsvc.sessionmaker"](), "ct01") is not None
        build_times(app, options.runs)
        requests_per_second(instance, options.seconds, options.threads)


if __name__ == "__main__":
    main()
