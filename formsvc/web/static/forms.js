// Progressive enhancement for formsvc pages. Everything works without this file: conditional
// sections are all shown with an "only if …" hint, and the server decides from the answers.
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  function currentValues(form, name) {
    var values = [];
    var controls = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
    controls.forEach(function (control) {
      if (control.type === "radio" || control.type === "checkbox") {
        if (control.checked) { values.push(control.type === "checkbox" && control.value === "y" ? "true" : control.value); }
      } else if (control.value !== "") {
        values.push(control.value);
      }
    });
    return values;
  }

  function applies(section) {
    var form = section.closest("form");
    var values = currentValues(form, section.dataset.conditionControl);
    var kind = section.dataset.conditionKind;
    if (kind === "dependent") { return values.length > 0; }
    var wanted = JSON.parse(section.dataset.conditionValues || "[]");
    if (values.length === 0) { values = [""]; }  // unanswered: "" in wanted means it applies
    var holds = values.some(function (value) { return wanted.indexOf(value) !== -1; });
    return kind === "else" ? !holds : holds;
  }

  function refresh() {
    document.querySelectorAll(".conditional[data-condition-control]").forEach(function (section) {
      var show = applies(section);
      section.hidden = !show;
      var hint = section.querySelector(".condition-hint");
      if (hint) { hint.hidden = true; }
    });
  }

  // Adding or removing a row of a repeatable group, in place. The server stays the authority:
  // the form is posted as the button would post it, and the group's fieldset is taken from the
  // page it answers, with autofocus on where the citizen goes next. Anything unexpected falls
  // back to the plain submission, which gives the same page without JavaScript.
  function isRowChange(button) {
    return button && button.name === "_action" && /^(add|remove):/.test(button.value);
  }

  function submitPlainly(form, button) {
    var action = document.createElement("input");
    action.type = "hidden";
    action.name = button.name;
    action.value = button.value;
    form.appendChild(action);
    form.submit();
  }

  function focusTarget(group) {
    var target = group.querySelector("[autofocus]");
    group.querySelectorAll("[autofocus]").forEach(function (control) {
      control.removeAttribute("autofocus");
    });
    return target;
  }

  function changeRows(form, button) {
    var group = button.closest("fieldset.repeatable");
    var body = new FormData(form);
    body.append(button.name, button.value);
    button.disabled = true;
    return window.fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(group.id);
        if (!fresh || !fresh.matches("fieldset.repeatable")) { throw new Error("no group"); }
        var target = focusTarget(fresh);
        group.replaceWith(document.adoptNode(fresh));
        refresh();
        if (target && target.closest("[hidden]")) {
          target = target.closest(".row") || fresh;
          target = target.querySelector("input:not([type=hidden]), select, textarea, button");
        }
        if (target) { target.focus(); }
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!isRowChange(button) || !window.fetch || !button.closest("fieldset.repeatable")) { return; }
    event.preventDefault();
    changeRows(form, button).catch(function () { submitPlainly(form, button); });
  });

  // The header's links fold behind a "Menu" button on a narrow screen (the CSS decides when).
  function toggleMenu(event) {
    var button = event.target.closest(".menu-toggle");
    if (!button) { return; }
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    button.closest(".site-header").classList.toggle("menu-open", open);
  }

  document.addEventListener("click", toggleMenu);
  document.addEventListener("change", refresh);
  document.addEventListener("input", refresh);
  document.addEventListener("DOMContentLoaded", function () {
    refresh();
    var summary = document.querySelector("[data-focus]");
    if (summary) { summary.focus(); }
    document.querySelectorAll("[data-prevent-double-click]").forEach(function (button) {
      button.form.addEventListener("submit", function () {
        window.setTimeout(function () { button.disabled = true; }, 0);
      });
    });
  });
})();
