// Game show: the breakout countdown on every screen ([data-ends-at], an ISO time, once a second; it survives
// live swaps; the end itself is shown beside it by the server, in the viewer's zone), and on a phone the
// viewer's own answer marked on the results the reveal pushes to everyone (broadcasts carry nobody's answer:
// the page remembers its own from its first render and from its answer's response). No inline script: CSP.
(function () {
  "use strict";
  var mine = {};

  function tick() {
    document.querySelectorAll("[data-ends-at]").forEach(function (el) {
      var ends = Date.parse(el.getAttribute("data-ends-at"));
      if (isNaN(ends)) { return; }
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      var m = Math.floor(left / 60), s = left % 60;
      el.textContent = left > 0 ? m + ":" + (s < 10 ? "0" : "") + s + " left" : "Time is up";
    });
  }

  function markMine() {
    var poll = document.getElementById("gs-poll");
    if (!poll || !poll.dataset.round) { return; }
    if (poll.dataset.mine) { mine[poll.dataset.round] = poll.dataset.mine.trim().split(/\s+/); }
    var chosen = mine[poll.dataset.round];
    if (!chosen || poll.querySelector(".gs-mine")) { return; }
    var names = [];
    chosen.forEach(function (id) {
      var row = poll.querySelector('li[data-option="' + id + '"]');
      if (!row) { return; }
      row.classList.add("mine");
      var label = row.querySelector(".label");
      if (label) { names.push(label.textContent.replace(/\s+/g, " ").trim().replace(/ (Best|Alternative|Discouraged|Wrong)$/, " ($1)")); }
    });
    if (names.length) {
      var note = document.createElement("p");
      note.className = "gs-mine";
      note.textContent = "You chose: " + names.join("; ");
      poll.appendChild(note);
    }
  }

  function refresh() { tick(); markMine(); }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", refresh);
  document.addEventListener("htmx:wsAfterMessage", refresh);
  document.addEventListener("htmx:afterSwap", refresh);
})();
