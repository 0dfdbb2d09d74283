// The form designer's enhancements, a plain ES module (no build step). Without it every
// edit is an ordinary form post and the page reloads; with it, field and metadata forms
// save themselves as staff type, the previews refresh, and the JSON tab gets line numbers.
const root = document.querySelector(".designer");
const status = document.querySelector("[data-status]");
const DELAY = 700;

function say(text) {
  if (status) { status.textContent = text; }
}

function setRevision(revision) {
  document.querySelectorAll('input[name="revision"]').forEach((input) => { input.value = String(revision); });
}

function refreshPreviews(revision) {
  for (const [selector, key] of [["[data-preview]", "previewUrl"], ["[data-preview-pdf]", "pdfUrl"]]) {
    const frame = document.querySelector(selector);
    if (frame) { frame.src = `${root.dataset[key]}?r=${revision}`; }
  }
}

async function post(form) {
  const response = await fetch(form.action || window.location.pathname, {
    method: "POST",
    body: new FormData(form),
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}

let blocked = false;
// Saves run one after another, and a structural edit (add, move, publish…) waits for them,
// so the revision it carries is the one the last autosave produced.
let queue = Promise.resolve();
const timers = new Map();

function save(form) {
  timers.delete(form);
  queue = queue.then(() => saveNow(form));
  return queue;
}

async function flush() {
  for (const [form, timer] of timers) {
    clearTimeout(timer);
    save(form);
  }
  await queue;
}

async function saveNow(form) {
  if (blocked) { return false; }
  say("Đang lưu…");
  const { status: code, body } = await post(form);
  if (code === 200) {
    setRevision(body.revision);
    refreshPreviews(body.revision);
    say(`Đã lưu tự động (lần lưu ${body.revision}).`);
    return true;
  }
  if (code === 409) {
    blocked = true;
    say(body.message || "Bản nháp đã được người khác lưu; hãy tải lại trang.");
  } else if (code === 422 && body.problems) {
    say(body.problems.map((p) => `Dòng ${p.line}: ${p.message}`).join(" · "));
  } else {
    say("Chưa lưu được; hãy bấm nút Lưu.");
  }
  return false;
}

function autosave(form) {
  form.addEventListener("input", () => {
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(() => save(form), DELAY));
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timers.get(form));
    save(form);
  });
}

function waitForSaves(form) {
  form.addEventListener("submit", async (event) => {
    if (form.dataset.flushed) { return; }
    event.preventDefault();
    await flush();
    if (blocked) { return; }
    form.dataset.flushed = "1";
    // Outside this event's dispatch: a form ignores requestSubmit while it is submitting.
    const { submitter } = event;
    setTimeout(() => form.requestSubmit(submitter), 0);
  });
}

function gutter(textarea, pre) {
  const bad = new Set((textarea.dataset.errorLines || "").split(",").filter(Boolean).map(Number));
  const render = () => {
    const count = textarea.value.split("\n").length;
    const lines = [];
    for (let n = 1; n <= count; n += 1) {
      const span = document.createElement("span");
      span.textContent = String(n);
      if (bad.has(n)) { span.className = "bad-line"; }
      lines.push(span, document.createTextNode("\n"));
    }
    pre.replaceChildren(...lines);
  };
  textarea.addEventListener("input", render);
  textarea.addEventListener("scroll", () => { pre.scrollTop = textarea.scrollTop; });
  render();
}

function goToLine(textarea, line) {
  const lines = textarea.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(start, start + (lines[line - 1] || "").length);
}

function tabs(jsonForm) {
  const textarea = jsonForm.querySelector("textarea");
  const original = textarea.value;
  document.querySelectorAll("[data-tab]").forEach((link) => {
    link.addEventListener("click", async (event) => {
      event.preventDefault();
      const target = link.dataset.tab;
      if (target === "visual" && textarea.value !== original) {
        // Never lose an edit: the JSON is saved first, and the visual tab shows the result.
        const { status: code, body } = await post(jsonForm);
        if (code !== 200) {
          say(code === 422 && body.problems
            ? body.problems.map((p) => `Dòng ${p.line}: ${p.message}`).join(" · ")
            : (body.message || "Chưa lưu được JSON."));
          return;
        }
        window.location.assign("?tab=visual#visual");
        return;
      }
      document.querySelectorAll("[data-panel]").forEach((panel) => { panel.hidden = panel.dataset.panel !== target; });
      document.querySelectorAll("[data-tab]").forEach((other) => {
        if (other === link) { other.setAttribute("aria-current", "page"); } else { other.removeAttribute("aria-current"); }
      });
      history.replaceState(null, "", `?tab=${target}#${target}`);
    });
  });
}

if (root) {
  document.querySelectorAll("form[data-autosave]").forEach(autosave);
  document.querySelectorAll('.designer form[method="post"]:not([data-autosave])').forEach(waitForSaves);
  const jsonForm = document.querySelector("[data-json-form]");
  if (jsonForm) {
    const textarea = jsonForm.querySelector("textarea");
    gutter(textarea, jsonForm.querySelector("[data-gutter]"));
    tabs(jsonForm);
    document.querySelectorAll("[data-line]").forEach((link) => {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        goToLine(textarea, Number(link.dataset.line));
      });
    });
  }
}
