// Detect the viewer's time zone once and remember it in a cookie, so the
// server renders every time in it. A zone the viewer picked is never
// overwritten. Loaded as a file: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var COOKIE = "convener_tz";
  if (document.cookie.split("; ").some(function (c) { return c.indexOf(COOKIE + "=") === 0; })) {
    return;
  }
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || !/^[A-Za-z0-9_\/+-]+$/.test(zone)) { return; }
  var secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = COOKIE + "=" + zone + "; path=/; max-age=31536000; samesite=lax" + secure;
  var shown = document.querySelector("[data-tz-current]");
  var guard = "convener_tz_reloaded";
  // Reload once so the server renders the page in this zone (it may spell an
  // old name such as Asia/Katmandu in its current form, so compare nothing more).
  if (shown && !shown.getAttribute("data-tz-current") && !sessionStorage.getItem(guard)) {
    sessionStorage.setItem(guard, "1");
    location.reload();
  }
})();
