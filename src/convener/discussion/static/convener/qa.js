// Live Q&A: keeps lists in order after each live change, inserts new questions and polls (upserts),
// marks the viewer's own votes, keeps the note about the viewer's waiting question true, shows refusals
// from the server, and re-reads the page state when the websocket reconnects. No inline script anywhere:
// the page's CSP forbids it.
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
    updateNotes();
  }

  function schedule() {
    if (!pending) { pending = true; window.setTimeout(refresh, 0); }
  }

  // Live fragments are htmx out-of-band swaps by id, the same for every page of an audience. Before htmx swaps
  // them, a fragment for an element this page does not have yet goes where its data-into says (an upsert), and
  // one this page does not show (or the deletion of one it never had) is dropped: htmx then never looks for a
  // missing target, which it would report as an htmx:oobErrorNoTarget error. Used as hx-ext="qa-live".
  function target(el) {
    var how = el.getAttribute("hx-swap-oob") || "true";
    var colon = how.indexOf(":");
    if (colon > 0) { return document.querySelector(how.slice(colon + 1)); }
    return el.id ? document.getElementById(el.id) : null;
  }

  function placeFragments(text) {
    if (typeof text !== "string" || text.indexOf("hx-swap-oob") === -1) { return text; }
    var template = document.createElement("template");
    template.innerHTML = text;
    var changed = false;
    Array.prototype.slice.call(template.content.children).forEach(function (el) {
      if (!el.hasAttribute("hx-swap-oob") || target(el)) { return; }
      changed = true;
      var into = el.getAttribute("data-into");
      if (el.hasAttribute("data-gone") || !into || !document.querySelector(into)) {
        el.remove();
        return;
      }
      var wrapper = document.createElement("div");
      wrapper.setAttribute("hx-swap-oob", "beforeend:" + into);
      el.removeAttribute("hx-swap-oob");
      el.replaceWith(wrapper);
      wrapper.appendChild(el);
    });
    return changed ? template.innerHTML : text;
  }

  if (window.htmx) {
    window.htmx.defineExtension("qa-live", { transformResponse: placeFragments });
  }

  // "Your question waits for a moderator" says so while it is true: once the question is in the queue (the
  // live fragment replaced it), the note says that instead; once a moderator hid it, the note goes.
  function updateNotes() {
    document.querySelectorAll("[data-awaits]").forEach(function (note) {
      var question = document.getElementById(note.dataset.awaits);
      if (!question) {
        if (note.hasAttribute("data-seen")) { note.remove(); }
        return;
      }
      note.setAttribute("data-seen", "");
      if (!question.classList.contains("state-pending")) {
        note.removeAttribute("data-awaits");
        note.textContent = "A moderator has put your question in the queue.";
      }
    });
  }

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
    if (ok && form.matches("form[data-reset]")) { form.reset(); }
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
