// The program editor's grid: drag a block to a new day and time. The drop fills the plain
// "Move a session" form below the grid and submits it, so dragging and the form are one path.
(function () {
  "use strict";
  const grid = document.getElementById("timetable");
  const form = document.getElementById("move-form");
  if (!grid || !form) return;
  const firstHour = parseInt(grid.dataset.firstHour, 10);
  let dragged = null;
  let grabOffset = 0;

  function pad(n) { return String(n).padStart(2, "0"); }

  function target(x, y) {
    const lanes = Array.from(grid.querySelectorAll(".tt-lane-bg"));
    const lane = lanes.find((el) => { const r = el.getBoundingClientRect(); return x >= r.left && x < r.right; });
    const hour = grid.querySelector(".tt-hour");
    if (!lane || !hour) return null;
    const quarter = hour.getBoundingClientRect().height / 4;
    const top = lane.getBoundingClientRect().top;
    const quarters = Math.max(0, Math.round((y - grabOffset - top) / quarter));
    const minutes = firstHour * 60 + quarters * 15;
    if (minutes >= 24 * 60) return null;
    return { date: lane.dataset.date, time: pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60), lane: lane };
  }

  grid.addEventListener("dragstart", (event) => {
    dragged = event.target.closest(".tt-block");
    if (!dragged) return;
    grabOffset = event.clientY - dragged.getBoundingClientRect().top;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.session);
    dragged.classList.add("tt-dragging");
  });
  grid.addEventListener("dragend", () => { if (dragged) dragged.classList.remove("tt-dragging"); });
  grid.addEventListener("dragover", (event) => {
    if (!dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  });
  grid.addEventListener("drop", (event) => {
    if (!dragged) return;
    event.preventDefault();
    const spot = target(event.clientX, event.clientY);
    if (!spot) return;
    form.elements.session.value = dragged.dataset.session;
    form.elements.start.value = spot.date + "T" + spot.time;
    dragged.setAttribute("aria-busy", "true");
    form.requestSubmit();
  });
})();
