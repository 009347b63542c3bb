/* Surveys, progressive enhancement (the pages work without it):
   - conditional questions: a question with data-show-if="q-<id>" is shown only while
     that question is answered with one of data-show-values (JSON); hidden ones are
     disabled, so nothing is sent for them (the server drops them anyway);
   - the results page's "Print the report" button;
   - drag to reorder in the builder, with SortableJS when it is loaded: the new order
     is posted with the same form as the up/down buttons' fallback. */
(function () {
  "use strict";

  function answersOf(form, name) {
    var values = [];
    form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
      if (input.disabled) { return; }
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
      if (input.value.trim() !== "") { values.push(input.value.trim()); }
    });
    return values;
  }

  function applyConditions(form) {
    // In document order, so a question hidden by its own condition hides those depending on it.
    form.querySelectorAll("fieldset[data-show-if]").forEach(function (fieldset) {
      var wanted = [];
      try { wanted = JSON.parse(fieldset.getAttribute("data-show-values") || "[]"); } catch (e) { wanted = []; }
      var given = answersOf(form, fieldset.getAttribute("data-show-if"));
      var show = given.some(function (value) { return wanted.indexOf(value) !== -1; });
      fieldset.hidden = !show;
      fieldset.querySelectorAll("input, textarea, select").forEach(function (input) {
        if (!input.hasAttribute("data-was-disabled")) {
          input.setAttribute("data-was-disabled", input.disabled ? "1" : "0");
        }
        input.disabled = !show || input.getAttribute("data-was-disabled") === "1";
      });
    });
  }

  function setUpSurvey() {
    document.querySelectorAll("form.sv-survey").forEach(function (form) {
      form.querySelectorAll(".sv-if").forEach(function (note) { note.hidden = true; });
      applyConditions(form);
      form.addEventListener("change", function () { applyConditions(form); });
      form.addEventListener("input", function () { applyConditions(form); });
    });
  }

  function setUpPrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function setUpDrag() {
    var form = document.getElementById("sv-reorder");
    if (!form || typeof window.Sortable === "undefined") { return; }
    var lists = document.querySelectorAll("ol.sv-build-questions");
    function send() {
      var layout = {};
      lists.forEach(function (list) {
        layout[list.getAttribute("data-section")] = Array.prototype.map.call(
          list.querySelectorAll("li[data-question]"),
          function (item) { return parseInt(item.getAttribute("data-question"), 10); }
        );
      });
      form.querySelector("[name=layout]").value = JSON.stringify(layout);
      form.submit();
    }
    lists.forEach(function (list) {
      window.Sortable.create(list, {
        group: "questions", handle: ".sv-handle", draggable: "li[data-question]",
        ghostClass: "sv-ghost", animation: 120, forceFallback: true,
        onEnd: function (evt) { if (evt.from !== evt.to || evt.oldIndex !== evt.newIndex) { send(); } }
      });
    });
  }

  function start() { setUpSurvey(); setUpPrint(); setUpDrag(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
