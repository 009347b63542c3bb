// Videos: report how far the player got (the server marks a presentation watched at 90 %),
// and let chapter links seek the player instead of opening the file.
(function () {
  "use strict";

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function showWatched() {
    document.querySelectorAll("[data-watch-status]").forEach(function (status) {
      if (status.classList.contains("watched-yes")) return;
      status.textContent = "✓ Watched";
      status.className = "watched-yes";
      var form = status.closest("form");
      if (!form) return;
      var input = form.querySelector("input[name=watched]");
      var button = form.querySelector("button");
      if (input) input.value = "0";
      if (button) { button.textContent = "Mark as not watched"; button.className = "link"; }
    });
  }

  function track(video) {
    var url = video.getAttribute("data-progress-url");
    var sent = -1;
    var lastAt = 0;
    function report(force) {
      var seconds = Math.floor(video.currentTime || 0);
      var now = Date.now();
      if (seconds <= sent) return;
      if (!force && now - lastAt < 10000) return;
      sent = seconds;
      lastAt = now;
      var body = new URLSearchParams();
      body.set("seconds", String(seconds));
      fetch(url, {
        method: "POST", body: body, credentials: "same-origin",
        headers: {"X-CSRFToken": csrfToken()},
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (state) {
        if (state && state.watched) showWatched();
      }).catch(function () { sent = -1; });
    }
    video.addEventListener("timeupdate", function () { report(false); });
    video.addEventListener("pause", function () { report(true); });
    video.addEventListener("ended", function () { report(true); });
  }

  // A Vimeo or YouTube player loads only when the viewer asks for it: until then the provider sees nothing.
  function facade(box) {
    var button = box.querySelector(".embed-play");
    if (!button) return;
    button.hidden = false;
    var fallback = box.querySelector(".embed-fallback");
    if (fallback) fallback.hidden = true;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-embed-src");
      frame.title = box.getAttribute("data-embed-title") || "Video";
      frame.allow = "autoplay; fullscreen; picture-in-picture";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      box.replaceChildren(frame);
      frame.focus();
    });
  }

  function ready() {
    document.querySelectorAll("[data-embed-src]").forEach(facade);
    document.querySelectorAll("video[data-progress-url]").forEach(track);
    document.querySelectorAll("a[data-seek]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var video = document.getElementById("player");
        if (!video) return;
        event.preventDefault();
        video.currentTime = Number(link.getAttribute("data-seek")) || 0;
        video.play();
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
