// Trellis live reload: reloads on rebuild, shows build errors over the page.
(function () {
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "trellis-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:99999;background:rgba(20,20,20,.92);color:#fff;" +
        "font:14px/1.5 ui-monospace,monospace;padding:2rem;overflow:auto;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "Trellis could not rebuild the course. The last good version is still served.\n\n" + text;
  }
  var source = new EventSource("/__trellis/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("build-error", function (e) { show(JSON.parse(e.data)); });
  // The server keeps a bounded number of streams and ends the oldest to make room:
  // stop listening rather than reconnect and push another page out.
  source.addEventListener("closed", function () { source.close(); });
})();
