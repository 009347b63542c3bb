// Live Q&A: keeps lists in order after each live change, inserts new questions and polls (upserts),
// marks the viewer's own votes, shows refusals from the server, and re-reads the page state when the
// websocket reconnects. No inline script anywhere: the page's CSP forbids it.
(function () {
  "use strict";
  var loadedAt = Date.now();
  var opens = 0;
  var pending = false;

  function num(value) { var n = parseFloat(value); return isNaN(n) ? 0 : n; }
  function pk(item) { return num((item.id || "").replace(/^\D+/, "")); }

  function compare(order) {
    return function (a, b) {
      var rank = num(a.dataset.rank) - num(b.dataset.rank);
      if (rank) { return rank; }
      if (order === "time") {
        return (num(b.dataset.created) - num(a.dataset.created)) || (pk(b) - pk(a));
      }
      return (num(b.dataset.votes) - num(a.dataset.votes)) || (num(a.dataset.created) - num(b.dataset.created)) ||
        (pk(a) - pk(b));
    };
  }

  function sortList(list) {
    var items = Array.prototype.filter.call(list.children, function (el) { return el.tagName === "LI"; });
    var sorted = items.slice().sort(compare(list.dataset.order || "votes"));
    var same = sorted.every(function (item, i) { return item === items[i]; });
    if (!same) { sorted.forEach(function (item) { list.appendChild(item); }); }
  }

  // The viewer's own votes: from the page, then from each successful vote of theirs. Broadcast fragments
  // carry nobody's vote, so the marks are put back after every swap.
  var mine = null;

  function markVotes() {
    var list = document.getElementById("qa-list");
    if (mine === null) {
      mine = {};
      if (list && list.dataset.myVotes) {
        list.dataset.myVotes.split(" ").forEach(function (id) { if (id) { mine[id] = true; } });
      }
    }
    document.querySelectorAll("button.vote[data-voted]").forEach(function (b) { mine[b.dataset.question] = true; });
    document.querySelectorAll("button.vote[data-question]").forEach(function (b) {
      if (mine[b.dataset.question] && !b.hasAttribute("data-voted")) {
        b.setAttribute("data-voted", "");
        b.setAttribute("aria-pressed", "true");
        b.disabled = true;
        b.textContent = "▲ Voted";
      }
    });
  }

  function refresh() {
    pending = false;
    document.querySelectorAll("ol.questions[data-order]").forEach(sortList);
    markVotes();
  }

  function schedule() {
    if (!pending) { pending = true; window.setTimeout(refresh, 0); }
  }

  // A fragment for an element the page does not have yet: insert it where it belongs.
  document.addEventListener("htmx:oobErrorNoTarget", function (event) {
    var el = event.detail && event.detail.content;
    if (!el || !el.getAttribute || el.hasAttribute("data-gone")) { return; }
    var box = el.getAttribute("data-into") && document.querySelector(el.getAttribute("data-into"));
    if (!box) { return; }
    el.removeAttribute("hx-swap-oob");
    box.appendChild(el);
    if (window.htmx) { window.htmx.process(el); }
    schedule();
  });

  ["htmx:oobAfterSwap", "htmx:afterSwap", "htmx:wsAfterMessage", "DOMContentLoaded"].forEach(function (name) {
    document.addEventListener(name, schedule);
  });

  // My vote is counted when its request succeeds. Listen on the request itself: a live fragment may have
  // replaced the form before the answer arrives, and events of a detached form reach no listener here.
  document.addEventListener("htmx:beforeSend", function (event) {
    var button = event.target && event.target.querySelector && event.target.querySelector("button.vote[data-question]");
    var xhr = event.detail && event.detail.xhr;
    if (!button || !xhr) { return; }
    var id = button.dataset.question;
    xhr.addEventListener("load", function () {
      if (xhr.status >= 200 && xhr.status < 300) {
        markVotes();
        mine[id] = true;
        schedule();
      }
    });
  });

  // Refusals (rate limit, closed Q&A, too long) come back as 4xx with a target for the message.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.status < 500 && xhr.getResponseHeader("HX-Retarget")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form || !form.matches) { return; }
    var ok = event.detail.successful && event.detail.xhr.status < 300;
    if (ok && form.matches("form[data-reset]")) {
      form.reset();
      var feedback = document.getElementById("qa-feedback");
      if (feedback) { feedback.textContent = "Thank you: your question waits for a moderator."; }
    }
  });

  // Reconnected (or connected a while after the page was drawn): re-read the state from the database.
  document.addEventListener("htmx:wsOpen", function () {
    opens += 1;
    if (opens > 1 || Date.now() - loadedAt > 3000) {
      var live = document.querySelector("[data-resync]");
      if (live && window.htmx) { window.htmx.trigger(live, "qa:resync"); }
    }
  });
})();
