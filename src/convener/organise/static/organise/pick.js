// People pickers: a search box above each long list of this meeting's people filters its options.
(function () {
  "use strict";
  document.querySelectorAll("select[data-filterable]").forEach((select) => {
    const box = document.createElement("input");
    box.type = "search";
    box.placeholder = "Search people";
    box.setAttribute("aria-label", "Search " + (select.labels[0] ? select.labels[0].textContent : "people"));
    box.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", () => {
      const wanted = box.value.trim().toLowerCase();
      Array.from(select.options).forEach((option) => {
        option.hidden = wanted !== "" && !option.selected && !option.textContent.toLowerCase().includes(wanted);
      });
    });
  });
})();
