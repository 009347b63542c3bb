// Game show: the breakout countdown on every screen ([data-ends-at], an ISO time, once a second; it survives
// live swaps). The end itself is shown beside it by the server, in the viewer's zone. No inline script: CSP.
(function () {
  "use strict";
  function tick() {
    document.querySelectorAll("[data-ends-at]").forEach(function (el) {
      var ends = Date.parse(el.getAttribute("data-ends-at"));
      if (isNaN(ends)) { return; }
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      var m = Math.floor(left / 60), s = left % 60;
      el.textContent = left > 0 ? m + ":" + (s < 10 ? "0" : "") + s + " left" : "Time is up";
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:wsAfterMessage", tick);
})();
