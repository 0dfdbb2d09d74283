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
